package ui

import (
	"errors"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/store"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// maxNameRunes bounds a trainee's name: long enough for any real name.
const maxNameRunes = 80

// namePrompt asks for the trainee's name: on the first run, and from the
// toolbar's Name button or Ctrl+, later. The name goes into every saved
// file, so an instructor's gradebook knows whose work it is.
type namePrompt struct {
	g     *Game
	field textField
	// first is set on the first run: Esc then leaves without a name (the
	// next save reminds), and the task card follows.
	first bool
	// then runs after the prompt closes.
	then func()
}

// askName opens the name prompt with the current name to edit.
func (g *Game) askName() {
	g.push(&namePrompt{g: g, field: textField{text: []rune(g.trainee), max: maxNameRunes}})
}

// Update implements scene.Scene.
func (p *namePrompt) Update(in *input.Input) {
	g := p.g
	switch p.field.update(in) {
	case fieldSubmitted:
		name := strings.TrimSpace(p.field.String())
		if name == "" {
			g.error("Type your name first: it goes into every file you save")
			return
		}
		g.setTrainee(name, true)
		g.info("Hello, %s: your name goes into every file you save (Ctrl+, changes it)", name)
		p.close()
	case fieldCancelled:
		p.close()
	}
}

func (p *namePrompt) close() {
	p.g.scenes.Close(p)
	if p.then != nil {
		p.then()
	}
}

// setTrainee makes name the trainee's, for the open work too when it has
// no name yet, and remembers it in the settings when keep is set.
func (g *Game) setTrainee(name string, keep bool) {
	g.trainee = name
	if g.doc.Trainee == "" {
		g.doc.Trainee = name
	}
	if !keep || g.settingsBroken {
		return
	}
	g.keptTrainee = name
	if err := g.saveSettings(); err != nil && !errors.Is(err, store.ErrNoFiles) {
		g.error("Could not remember your name in the settings: %v", err)
	}
}

// Draw implements scene.Scene.
func (p *namePrompt) Draw(screen *ebiten.Image) {
	g := p.g
	lines := []string{"Your name", "It goes into every file you save, so your instructor knows the work is yours."}
	hint := "Enter to confirm · Esc to leave it for now"
	if !p.first {
		hint = "Enter to confirm · Esc to keep the old name"
	}
	g.drawDialog(screen, lines, p.field.withCaret(), hint)
}

// drawDialog draws a centred box: a title, wrapped text, a text field's
// contents (when field is not empty) and a hint line.
func (g *Game) drawDialog(screen *ebiten.Image, lines []string, field, hint string) {
	pad := g.ui(16)
	w := min(float64(g.w)-2*g.ui(10), g.ui(560))
	var body []string
	for _, l := range lines[1:] {
		body = append(body, wrap(l, g.small, w-2*pad)...)
	}
	lh := g.small.Size * 1.4
	fieldH := 0.0
	if field != "" {
		fieldH = g.face.Size*1.3 + 2*g.ui(8) + g.ui(10)
	}
	h := 2*pad + g.face.Size*1.6 + float64(len(body))*lh + fieldH + lh + g.ui(8)
	x, y := (float64(g.w)-w)/2, max(g.ui(10), (float64(g.h)-h)/3)
	fillRect(screen, float32(x), float32(y), float32(w), float32(h), panelColour)
	strokeBox(screen, box{x, y, w, h}, float32(g.ui(1)), selColour)
	cy := y + pad
	drawText(screen, lines[0], g.face, x+pad, cy, textColour)
	cy += g.face.Size * 1.6
	for _, l := range body {
		drawText(screen, l, g.small, x+pad, cy, dimColour)
		cy += lh
	}
	if field != "" {
		cy += g.ui(6)
		fh := g.face.Size*1.3 + 2*g.ui(8)
		fillRect(screen, float32(x+pad), float32(cy), float32(w-2*pad), float32(fh), tileColour)
		drawText(screen, fitTail(field, g.face, w-2*pad-2*g.ui(8)), g.face, x+pad+g.ui(8), cy+g.ui(8), textColour)
		cy += fh + g.ui(10)
	}
	drawText(screen, hint, g.small, x+pad, cy, dimColour)
}

// fitTail keeps the end of s that fits in w: the end of a long field is
// where the typing is.
func fitTail(s string, f *text.GoTextFace, w float64) string {
	r := []rune(s)
	for len(r) > 1 && measure("…"+string(r), f) > w {
		r = r[1:]
	}
	if len(r) < len([]rune(s)) {
		return "…" + string(r)
	}
	return s
}
