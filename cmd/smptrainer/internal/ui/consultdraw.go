package ui

import (
	"image/color"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/sim/consult"
)

var (
	okColour    = color.RGBA{0x7c, 0xd9, 0x8a, 0xff}
	wrongColour = color.RGBA{0xff, 0x8a, 0x80, 0xff}
)

// consultHints are the keys and clicks shown at the foot of each step.
var consultHints = map[consultStep]string{
	stepClient:    "Click a client (or ↑↓ and Enter) to start the consultation · Esc closes",
	stepIntake:    "Click a question (or ↑↓ and Enter) to ask it · click a step above or Tab: the decision · Esc closes",
	stepDecision:  "Click ← → or turn the wheel to change a value (←→, Shift ±10) · click a reason to tick it · Tab next, Shift+Tab back",
	stepPlan:      "Click ← → or turn the wheel to change a value · click a box to tick it · Tab next, Shift+Tab back",
	stepAftercare: "Click ← → or turn the wheel to set the day (Shift ±10) · click to tick or clear · Tab: feedback",
	stepFeedback:  "Ctrl+S saves the consultation with the work · P writes the client sheet · Enter: to the dots (if treating) · Shift+Tab back",
}

// consultLayout is where the consultation's parts lie on the screen:
// one geometry for drawing them and for the pointer.
type consultLayout struct {
	pad, lineH float64
	title      string
	// steps are the header's step names as drawn ([current]) and their
	// boxes, in stepNames order.
	steps   []string
	stepBox []scene.Rect
	rows    []consultRow
	placed  []placedRow
	// buttons are the step's actions, on a line above the keys' hint.
	buttons  []footButton
	noteY    float64 // where the scene's last message is drawn
	top, bot float64 // the rows' band
	x, w     float64 // the rows' left edge and width
	textX    float64 // where a row's text starts
}

// placedRow is a row wrapped to the window and placed on the screen.
type placedRow struct {
	lines []string
	y, h  float64
	shown bool // inside the rows' band at the current scroll
}

// layout lays the scene out for the current window, step and cursor.
func (s *consultScene) layout() consultLayout {
	g := s.g
	W, H := float64(g.w), float64(g.h)
	L := consultLayout{pad: g.ui(14), lineH: g.small.Size * 1.45, title: "Consultation"}
	if s.prof != nil {
		L.title += " — " + s.prof.Name + " (" + s.cs.Client + ")"
	}
	x := L.pad + measure(L.title+"   ", g.face)
	sep := measure(" · ", g.face)
	for i, n := range stepNames {
		if consultStep(i) == s.step {
			n = "[" + n + "]"
		}
		w := measure(n, g.face)
		L.steps = append(L.steps, n)
		L.stepBox = append(L.stepBox, scene.Rect{X: x, Y: L.pad, W: w, H: g.face.Size * 1.3})
		x += w + sep
	}
	L.top = L.pad + g.face.Size*2
	// From the bottom up: the keys' hint, the buttons, the last message.
	L.buttons = g.placeButtonsAbove(s.buttons(), L.pad, H-L.pad-L.lineH-g.ui(6), W-2*L.pad)
	by := H - L.pad - L.lineH - g.ui(6) // no buttons: the message sits above the keys
	if len(L.buttons) > 0 {
		by = L.buttons[0].box.Y
	}
	L.noteY = by - L.lineH - g.ui(4)
	L.bot = L.noteY - g.ui(4)
	L.x, L.w = L.pad, W-2*L.pad
	L.textX = L.pad + g.ui(6)
	w := L.w
	L.rows = s.rows()
	L.placed = make([]placedRow, len(L.rows))
	y := 0.0
	for i, r := range L.rows {
		ls := wrap(r.text, g.small, w-g.ui(12))
		L.placed[i] = placedRow{lines: ls, y: y, h: float64(len(ls)) * L.lineH}
		y += L.placed[i].h + g.ui(2)
	}
	// Scrolled so that the cursor row shows.
	off := 0.0
	if s.cur < len(L.placed) {
		if end := L.placed[s.cur].y + L.placed[s.cur].h; end > L.bot-L.top {
			off = end - (L.bot - L.top)
		}
	}
	for i := range L.placed {
		p := &L.placed[i]
		p.y += L.top - off
		p.shown = p.y >= L.top-1 && p.y+p.h <= L.bot+1
	}
	return L
}

// rowAtPoint returns the shown row under screen point (x, y), or -1.
func (L *consultLayout) rowAtPoint(x, y float64) int {
	if x < L.x || x > L.x+L.w {
		return -1
	}
	for i, p := range L.placed {
		if p.shown && y >= p.y && y < p.y+p.h {
			return i
		}
	}
	return -1
}

// arrowAt returns -1 or +1 when screen x is on the "←" or the "→" of row
// i's first line (the arrows that change its value), and 0 elsewhere.
func (L *consultLayout) arrowAt(i int, x float64, f *text.GoTextFace) int {
	if len(L.placed[i].lines) == 0 {
		return 0
	}
	line := L.placed[i].lines[0]
	for _, a := range []struct {
		glyph string
		d     int
	}{{"←", -1}, {"→", +1}} {
		k := strings.Index(line, a.glyph)
		if k < 0 {
			continue
		}
		x0 := L.textX + measure(line[:k], f)
		w := measure(a.glyph, f)
		// A finger's width either side: the arrow alone is a small target.
		if x >= x0-w/2 && x <= x0+1.5*w {
			return a.d
		}
	}
	return 0
}

// Draw implements scene.Scene: the step's rows, the cursor row
// highlighted, scrolled so the cursor stays in view.
func (s *consultScene) Draw(screen *ebiten.Image) {
	g := s.g
	W, H := float64(g.w), float64(g.h)
	fillRect(screen, 0, 0, float32(W), float32(H), layerColour)
	L := s.layout()
	drawText(screen, L.title, g.face, L.pad, L.pad, textColour)
	for i, n := range L.steps {
		b := L.stepBox[i]
		drawText(screen, n, g.face, b.X, b.Y, textColour)
		if i+1 < len(L.steps) {
			drawText(screen, " · ", g.face, b.X+b.W, b.Y, textColour)
		}
	}
	for i, r := range L.rows {
		p := L.placed[i]
		if !p.shown {
			continue
		}
		c := color.Color(textColour)
		switch {
		case r.head:
			c = dimColour
		case r.ok != nil && *r.ok:
			c = okColour
		case r.ok != nil:
			c = wrongColour
		case r.dim:
			c = dimColour
		}
		if i == s.cur && !r.head {
			fillRect(screen, float32(L.x), float32(p.y), float32(L.w), float32(p.h), selColour)
		}
		for k, l := range p.lines {
			drawText(screen, l, g.small, L.textX, p.y+float64(k)*L.lineH, c)
		}
	}
	g.drawButtons(screen, L.buttons)
	if s.note != "" {
		drawText(screen, s.note, g.small, L.pad, L.noteY, okColour)
	}
	drawText(screen, consultHints[s.step], g.small, L.pad, H-L.pad-L.lineH, dimColour)
}

// buttons returns the current step's actions: back and next through the
// steps, and on the feedback step saving, the client sheet and going on
// to the dots (or closing, when the decision was not to treat).
func (s *consultScene) buttons() []footButton {
	if s.cs == nil {
		return nil // the client list: a click on a client starts
	}
	var bs []footButton
	if s.step > stepIntake {
		bs = append(bs, footButton{label: "‹ Back (Shift+Tab)", act: func() { s.goTo(s.step - 1) }})
	}
	if s.step < stepFeedback {
		return append(bs, footButton{label: "Next: " + stepNames[s.step+1] + " › (Tab)", act: func() { s.goTo(s.step + 1) }})
	}
	bs = append(bs,
		footButton{label: "Save with the work (Ctrl+S)", act: s.save},
		footButton{label: "Client sheet (P)", act: s.printSheet})
	if s.c.Decision == consult.Treat {
		return append(bs, footButton{label: "Start the dots (Enter)", act: s.startDots})
	}
	return append(bs, footButton{label: "Close (Esc)", act: func() { s.g.consult = nil }})
}
