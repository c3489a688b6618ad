package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// footButton is a labelled tile at the foot of a scene that does what one
// of its keys does, for the mouse (the consultation's steps, the mapping
// scene): a newcomer looks for a button before reading a line of keys.
type footButton struct {
	label string
	box   scene.Rect
	act   func()
}

// placeButtons lays bs out left to right from (x, y), wrapping into rows
// within width w, and returns them placed with the height they take.
func (g *Game) placeButtons(bs []footButton, x, y, w float64) ([]footButton, float64) {
	h, gap := g.small.Size*1.9, g.ui(8)
	bx, by := x, y
	out := make([]footButton, 0, len(bs))
	for _, b := range bs {
		bw := measure(b.label, g.small) + 2*g.ui(10)
		if bx > x && bx+bw > x+w {
			bx, by = x, by+h+gap
		}
		b.box = scene.Rect{X: bx, Y: by, W: bw, H: h}
		out = append(out, b)
		bx += bw + gap
	}
	if len(out) == 0 {
		return out, 0
	}
	return out, by + h - y
}

// placeButtonsAbove lays bs out as placeButtons does, with their last row
// ending at bottom: a scene's foot, above its line of keys.
func (g *Game) placeButtonsAbove(bs []footButton, x, bottom, w float64) []footButton {
	_, h := g.placeButtons(bs, x, 0, w)
	placed, _ := g.placeButtons(bs, x, bottom-h, w)
	return placed
}

// drawButtons draws placed buttons.
func (g *Game) drawButtons(screen *ebiten.Image, bs []footButton) {
	for _, b := range bs {
		fillRect(screen, float32(b.box.X), float32(b.box.Y), float32(b.box.W), float32(b.box.H), tileColour)
		drawText(screen, b.label, g.small, b.box.X+g.ui(10), b.box.Y+(b.box.H-g.small.Size*1.2)/2, textColour)
	}
}

// pressButton does the action of the button the tick's press lands on,
// and reports whether there was one.
func pressButton(bs []footButton, in *input.Input) bool {
	if !in.Pressed[input.Left] {
		return false
	}
	for _, b := range bs {
		if b.box.Contains(in.X, in.Y) {
			b.act()
			return true
		}
	}
	return false
}
