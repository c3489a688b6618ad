package ui

// The exercise picker (F2): every exercise with its brief and the best
// score so far, kept in the data folder's progress file.

import (
	"errors"
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/store"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/exercise"
	"github.com/smptrainer/smp/sim/score"
)

// recordProgress grades saved work on an exercise and keeps the best
// score (called after each save).
func (g *Game) recordProgress() {
	if g.ex == nil || g.doc.Len() == 0 || g.doc.Number != g.ex.Session {
		// After Ctrl+H the work is a later session than the exercise's:
		// its score is not the exercise's.
		return
	}
	rep := g.grader().Grade(g.doc.Impressions(), g.doc.Number, g.ex.Weights)
	better, err := store.RecordProgress(g.ex.ID, rep.Overall)
	if err != nil {
		g.error("Saved, but the progress marks could not be kept: %v", err)
		return
	}
	if better {
		g.msg += fmt.Sprintf(" · new best on this exercise: %d/100", score.Whole(rep.Overall))
	}
}

// exPicker is the exercise list (F2), a modal layer over the chart.
type exPicker struct {
	g    *Game
	exs  []*exercise.Exercise
	best map[string]float64
	sel  int
	// down is set by a press on the open list: only a click that began
	// there picks or closes, not the release of the toolbar press that
	// opened the list.
	down bool
	// first is the first row shown: a window too short for every row
	// (or a large UI size) scrolls the list, keeping sel in view.
	first int
}

// openExPicker shows the exercise list (F2).
func (g *Game) openExPicker() {
	exs := exercise.All()
	if len(exs) == 0 {
		g.error("No exercises are available: %v", exercise.LoadErr())
		return
	}
	p, err := store.LoadProgress()
	if err != nil && !errors.Is(err, store.ErrNoFiles) {
		g.error("Progress marks: %v", err)
	}
	ep := &exPicker{g: g, exs: exs, best: p.Best}
	for i, e := range exs {
		if g.ex != nil && e.ID == g.ex.ID {
			ep.sel = i
		}
	}
	ep.showSel()
	g.push(ep)
}

// Update implements scene.Scene.
func (p *exPicker) Update(in *input.Input) { p.g.updateExPicker(p, in) }

// Draw implements scene.Scene.
func (p *exPicker) Draw(screen *ebiten.Image) { p.g.drawExPicker(screen, p) }

// close closes the list.
func (p *exPicker) close() { p.g.scenes.Close(p) }

// exPickerGeometry returns the list's first row's top-left corner, the
// row height and the list's width.
func (g *Game) exPickerGeometry() (x0, y0, rowH, w float64) {
	rowH = g.ui(15) * 1.7
	w = math.Min(float64(g.w)-g.ui(40), g.ui(720))
	x0 = (float64(g.w) - w) / 2
	y0 = g.ui(90)
	return
}

// exPickerShown returns how many of p's rows the window shows: the rest
// scroll (at least three, however small the window).
func (g *Game) exPickerShown(p *exPicker) int {
	_, y0, rowH, _ := g.exPickerGeometry()
	// Below the rows: the brief (up to five lines) and the keys' line.
	below := 7*g.small.Size*1.4 + g.ui(20) + float64(g.statusHeight())
	n := int((float64(g.h) - y0 - below) / rowH)
	return min(max(n, 3), p.consultRow()+1)
}

// showSel scrolls the list so that the selected row shows.
func (p *exPicker) showSel() {
	n := p.g.exPickerShown(p)
	if p.sel < p.first {
		p.first = p.sel
	}
	if p.sel >= p.first+n {
		p.first = p.sel - n + 1
	}
	p.first = max(0, min(p.first, p.consultRow()+1-n))
}

// consultRow is the list's last row, after the exercises: the
// consultation of a virtual client (consult.go), which is practice of
// its own rather than an exercise on a chart.
func (p *exPicker) consultRow() int { return len(p.exs) }

// consultRowText and consultBrief are that row and its brief.
const (
	consultRowText = "→  Consult a virtual client: intake, screening, plan and aftercare  (Tab)"
	consultBrief   = "A client sits down for a consultation. Read the intake form, ask the questions that matter, decide whether to treat, postpone or refer and why, write the plan and the aftercare sheet, then see each item checked against what the course teaches."
)

// exRowAt returns the row of p under (x, y) (consultRow for the
// consultation's), or -1.
func (g *Game) exRowAt(p *exPicker, x, y float64) int {
	x0, y0, rowH, w := g.exPickerGeometry()
	i := int(math.Floor((y - y0) / rowH))
	if x >= x0 && x < x0+w && y >= y0 && i >= 0 && i < g.exPickerShown(p) {
		return p.first + i
	}
	return -1
}

// updateExPicker handles input while the list is up.
func (g *Game) updateExPicker(p *exPicker, in *input.Input) {
	for _, k := range in.Keys {
		switch {
		case k == ebiten.KeyEscape || k == ebiten.KeyF2:
			p.close()
			return
		case k == ebiten.KeyUp:
			p.sel = max(0, p.sel-1)
		case k == ebiten.KeyDown:
			p.sel = min(p.consultRow(), p.sel+1)
		case k == ebiten.KeyEnter || k == ebiten.KeyNumpadEnter:
			g.pickExercise(p, p.sel)
			return
		case k == ebiten.KeyTab:
			g.pickExercise(p, p.consultRow())
			return
		case k >= ebiten.KeyDigit1 && k <= ebiten.KeyDigit9:
			if i := int(k - ebiten.KeyDigit1); i < len(p.exs) {
				g.pickExercise(p, i)
				return
			}
		}
	}
	if in.WheelY != 0 {
		// The wheel scrolls the list, and the selection stays among the
		// rows shown (the row under the pointer, when it is over one).
		n := g.exPickerShown(p)
		p.first = max(0, min(p.first-int(math.Copysign(1, in.WheelY)), p.consultRow()+1-n))
		p.sel = min(max(p.sel, p.first), p.first+n-1)
	}
	if in.Pressed[input.Left] {
		p.down = true
	}
	if in.Released[input.Left] && p.down {
		p.down = false
		if i := g.exRowAt(p, in.X, in.Y); i >= 0 {
			g.pickExercise(p, i)
		} else {
			p.close()
		}
		return
	}
	if in.X != g.lastX || in.Y != g.lastY || in.WheelY != 0 {
		if i := g.exRowAt(p, in.X, in.Y); i >= 0 {
			p.sel = i
		}
	}
	p.showSel()
}

// pickExercise starts new work on exercise i, keeping unsaved work in
// the recovery file as Ctrl+N does; the row after the exercises
// (consultRow) opens a virtual client's consultation instead.
func (g *Game) pickExercise(p *exPicker, i int) {
	if i == p.consultRow() {
		p.close()
		g.openConsult() // consult.go
		return
	}
	ex := p.exs[i]
	p.close()
	g.endStroke()
	kept, err := g.switchTo(func() error { return g.startExercise(ex.ID, "") })
	if err != nil {
		g.error("Could not start %s: %v", ex.Title, err)
		return
	}
	if kept != "" {
		g.info("%s%s", ex.Title, kept)
	}
	g.showTaskCard()
}

// exRow is one row of the list.
func exRow(i int, e *exercise.Exercise, best map[string]float64) string {
	b := "not yet done"
	if v, ok := best[e.ID]; ok {
		b = fmt.Sprintf("best %.0f/100", v)
	}
	n := fmt.Sprintf("%d", i+1)
	if i >= 9 {
		n = " "
	}
	return fmt.Sprintf("%s  %s  ·  %s, session %d  ·  %s", n, e.Title, e.Template, e.Session, b)
}

// drawExPicker draws the list with the selected exercise's brief below.
func (g *Game) drawExPicker(screen *ebiten.Image, p *exPicker) {
	x0, y0, rowH, w := g.exPickerGeometry()
	pad := g.ui(10)
	text := consultBrief
	if p.sel < len(p.exs) {
		text = p.exs[p.sel].Brief
	}
	brief := wrap(text, g.small, w-2*pad)
	n := g.exPickerShown(p)
	top := y0 - rowH - pad
	h := rowH*float64(n+1) + 2*pad + float64(len(brief)+2)*g.small.Size*1.4
	fillRect(screen, float32(x0-pad), float32(top), float32(w+2*pad), float32(h), layerColour)
	title := "Exercises — pick one to start new work on it"
	if n < p.consultRow()+1 {
		title += fmt.Sprintf("  ·  %d–%d of %d, the wheel or ↑↓ for more", p.first+1, p.first+n, p.consultRow()+1)
	}
	drawText(screen, title, g.face, x0, top+pad, textColour)
	for k := range n {
		i := p.first + k
		y := y0 + float64(k)*rowH
		if i == p.sel {
			fillRect(screen, float32(x0), float32(y), float32(w), float32(rowH), selColour)
		}
		row := consultRowText
		if i < len(p.exs) {
			row = exRow(i, p.exs[i], p.best)
		}
		drawText(screen, row, g.face, x0+g.ui(6), y+(rowH-g.face.Size*1.2)/2, textColour)
	}
	y := y0 + float64(n)*rowH + g.ui(8)
	for _, l := range brief {
		drawText(screen, l, g.small, x0, y, dimColour)
		y += g.small.Size * 1.4
	}
	drawText(screen, "↑↓ Enter, 1–9 or click to start · Esc to cancel · unsaved work is kept (Ctrl+R)", g.small, x0, y+g.ui(4), dimColour)
}
