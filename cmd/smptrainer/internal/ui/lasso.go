package ui

// The lasso (Shift+E): drag a loop around impressions to select them,
// then Delete or Backspace removes them as one undoable edit.

import (
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/geom"
)

// lassoMinStepPx is how far the pointer must move before the lasso takes
// another point: enough to keep the loop a few hundred points long.
const lassoMinStepPx = 3

// maxSelMarks is how many selected impressions are ringed on screen; past
// it the status line still counts them all, so a frame's draw calls stay
// bounded.
const maxSelMarks = 2000

// lassoState is the lasso's part of the tools.
type lassoState struct {
	// loop is the loop being drawn, in chart mm, or nil.
	loop geom.Polygon
	// sel holds the selected impressions' indices, valid while the
	// document's state is selID.
	sel   []int
	selID uint64
}

// lassoPointer handles the left button in lasso mode.
func (g *Game) lassoPointer(in *input.Input) {
	onChart := g.onCanvas(in.X, in.Y)
	p := g.cam.ToMM(in.X+0.5, in.Y+0.5)
	if in.Pressed[input.Left] && onChart {
		g.tools.lasso.loop = geom.Polygon{p}
		g.tools.lasso.sel = nil
	}
	if g.tools.lasso.loop == nil {
		return
	}
	last := g.tools.lasso.loop[len(g.tools.lasso.loop)-1]
	if in.Held[input.Left] && last.Dist(p)*g.cam.Scale >= g.ui(lassoMinStepPx) {
		g.tools.lasso.loop = append(g.tools.lasso.loop, p)
	}
	if !in.Held[input.Left] {
		g.selectInLoop()
	}
}

// selectInLoop selects the impressions inside the finished loop.
func (g *Game) selectInLoop() {
	loop := g.tools.lasso.loop
	g.tools.lasso.loop = nil
	if len(loop) < 3 {
		return
	}
	b := loop.Bounds()
	var sel []int
	ims := g.doc.Impressions()
	g.doc.Query(b, func(i int) {
		if loop.Contains(ims[i].Pos) {
			sel = append(sel, i)
		}
	})
	g.tools.lasso.sel, g.tools.lasso.selID = sel, g.doc.StateID()
	if len(sel) == 0 {
		g.info("Nothing inside the loop")
		return
	}
	g.info("%d impressions selected: Delete removes them, Esc clears", len(sel))
}

// selection returns the current selection, or nil once the work changed.
func (g *Game) selection() []int {
	if g.tools.lasso.sel != nil && g.tools.lasso.selID != g.doc.StateID() {
		g.tools.lasso.sel = nil
	}
	return g.tools.lasso.sel
}

// deleteSelection removes the impressions the lasso selected, as one
// undoable edit.
func (g *Game) deleteSelection() {
	if g.tools.tool != ToolLasso {
		g.info("Delete removes what the lasso selected: Shift+E picks the lasso")
		return
	}
	sel := g.selection()
	if len(sel) == 0 {
		g.info("Nothing selected: drag a loop around impressions first")
		return
	}
	removed := g.doc.RemoveAt(sel)
	e := &eraseCmd{batches: []eraseBatch{{idx: sel, ims: removed}}, live: true}
	g.doc.Do(e)
	g.changed()
	g.tools.lasso.sel = nil
	g.info("Deleted %s (Ctrl+Z brings them back)", plural(len(removed), "impression"))
}

// drawLasso draws the lasso's loop and selection.
func (g *Game) drawLasso(screen *ebiten.Image) {
	if g.tools.tool != ToolLasso {
		return
	}
	sw := float32(g.ui(1.5))
	if loop := g.tools.lasso.loop; len(loop) > 1 {
		for i := range loop {
			a, b := loop[i], loop[(i+1)%len(loop)]
			if i == len(loop)-1 && len(loop) < 3 {
				break
			}
			ax, ay := g.cam.ToScreen(a)
			bx, by := g.cam.ToScreen(b)
			vector.StrokeLine(screen, float32(ax), float32(ay), float32(bx), float32(by), sw, cursorColour, true)
		}
	}
	sel := g.selection()
	ims := g.doc.Impressions()
	for k, i := range sel {
		if k >= maxSelMarks {
			break
		}
		x, y := g.cam.ToScreen(ims[i].Pos)
		r := math.Max(ims[i].RadiusMM()*g.cam.Scale+g.ui(2), g.ui(3))
		vector.StrokeRect(screen, float32(x-r), float32(y-r), float32(2*r), float32(2*r), sw, cursorColour, false)
	}
}

// lassoStatus is the lasso's part of the status line.
func (g *Game) lassoStatus() string {
	if n := len(g.selection()); n > 0 {
		return fmt.Sprintf(", %d selected", n)
	}
	return ""
}
