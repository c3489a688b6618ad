package ui

// The window's scenes and panels (package scene): the chart editor is the
// base scene; help, the exercise list, the file browser, the task card and
// the name prompt are modal layers over it. The editor's panels (toolbar,
// shade, score, profile) get the pointer before the chart does.

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// editor is the chart editor, the base scene: keys through the keymap,
// then the panels, then the chart.
type editor struct{ g *Game }

// Update implements scene.Scene.
func (e editor) Update(in *input.Input) {
	g := e.g
	g.keys(in) // actions.go
	if g.scenes.Modal() {
		// A key opened a layer (help, a list…): it takes the pointer
		// from the next tick; a stroke under way ends now.
		g.endStroke()
		return
	}
	g.layoutPanels()
	consumed := g.toolbar.Update(in) || g.panelSet.Update(in)
	g.panelsTick() // overlays.go: background jobs, live score, heatmap
	canvas := g.canvasInput(in, consumed)
	g.pointer(&canvas)
	g.profileTick() // profile.go
}

// Draw implements scene.Scene.
func (e editor) Draw(screen *ebiten.Image) { e.g.drawEditor(screen) }

// canvasInput is the chart's view of the tick's input: the pointer's
// presses and wheel turns are the chart's only when no panel took them and
// the pointer is over the working half of the window. Releases and holds
// always pass, so a stroke that leaves the chart still ends. The shared
// Input is never changed.
func (g *Game) canvasInput(in *input.Input, consumed bool) input.Input {
	c := *in
	if consumed || (g.onExpertHalf(in.X) && !in.IsDown(ebiten.KeySpace)) {
		c.Pressed = [len(c.Pressed)]bool{}
		c.WheelX, c.WheelY = 0, 0
	}
	return c
}

// layoutPanels places the editor's panels for this tick's window size.
func (g *Game) layoutPanels() {
	g.faces() // the UI size may have changed
	area := scene.Rect{W: float64(g.w), H: float64(g.h - g.statusHeight())}
	// Below the toolbar and the title line.
	_, below := area.CutTop(g.toolbar.Layout(area).H + g.titleHeight())
	g.panelSet.Layout(below)
	if g.panels.score.open && g.panels.shadeOpen {
		// Side by side: the shade panel reflows into the room left of
		// the score panel rather than sliding under it.
		left := below
		left.W = math.Max(0, g.scoreGeometry().panel.x-below.X)
		shadePanel{g}.Layout(left)
	}
}

// modalLayer is a modal layer whose state still lives on Game (the
// consultation and the mapping scenes; help, the exercise list and review
// are scenes of their own): it runs update each tick and closes itself
// once open reports false.
type modalLayer struct {
	g      *Game
	open   func() bool
	update func(in *input.Input)
	draw   func(screen *ebiten.Image)
}

// Update implements scene.Scene.
func (l *modalLayer) Update(in *input.Input) {
	l.update(in)
	if !l.open() {
		l.g.scenes.Close(l)
	}
}

// Draw implements scene.Scene.
func (l *modalLayer) Draw(screen *ebiten.Image) { l.draw(screen) }

// push opens a modal layer over the chart, ending any stroke first.
func (g *Game) push(s scene.Scene) {
	g.endStroke()
	g.scenes.Push(s)
}

// onCanvas reports whether screen point (x, y) is on the chart a tool
// works on: below the toolbar, above the status line, and not on the split
// view's expert half.
func (g *Game) onCanvas(x, y float64) bool {
	return y >= g.toolbar.Height() && y < float64(g.h-g.statusHeight()) && !g.onExpertHalf(x)
}

// TopLayer names the modal layer input goes to ("name", "task",
// "browser", "review", "help", "list", or "other" for the consultation
// and mapping scenes), or "" when the chart editor has it (tests).
func (g *Game) TopLayer() string {
	switch g.scenes.Top().(type) {
	case editor:
		return ""
	case *namePrompt:
		return "name"
	case *taskCard:
		return "task"
	case *fileBrowser:
		return "browser"
	case *reviewScene:
		return "review"
	case *helpLayer:
		return "help"
	case *exPicker:
		return "list"
	}
	return "other"
}
