package ui

import (
	"bytes"
	"fmt"
	"image"
	"reflect"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/view"
)

// logicState is what the game's logic reads, as a test compares it.
type logicState struct {
	Status, Msg                string
	Cam                        view.Camera
	Doc                        uint64
	Depth                      int
	Top                        string
	ScoreScroll, ShadeScroll   scene.Scroller
	ShadeKey, Selected         string
	Hover                      int
	MenuOpen                   bool
	DistanceNow, DistanceShown distanceKey
	DistanceJob                bool
	Tool                       Tool
	W, H                       int
}

func (g *Game) logicSnapshot() logicState {
	return logicState{Status: g.Status(), Msg: g.msg, Cam: g.cam, Doc: g.doc.StateID(), Depth: g.scenes.Depth(),
		Top: g.TopLayer(), ScoreScroll: g.panels.score.scroll, ShadeScroll: g.panels.shadeScroll,
		ShadeKey: g.panels.shade.key, Selected: g.panels.score.sel, Hover: g.toolbar.hover, MenuOpen: g.toolbar.menuOpen,
		DistanceNow: g.panels.distance.now, DistanceShown: g.panels.distance.key, DistanceJob: g.panels.distance.job != nil,
		Tool: g.tools.tool, W: g.w, H: g.h}
}

// CheckDrawIsPure draws the open scenes twice into pictures of the
// window's size with no Update between them, and reports a change in
// what the game's logic reads, or a difference between the two pictures
// beyond a level of rounding.
// Call it inside the game loop (a script's Do) once every tile is drawn.
func CheckDrawIsPure(g *Game) error {
	before := g.logicSnapshot()
	a, b := ebiten.NewImage(g.w, g.h), ebiten.NewImage(g.w, g.h)
	defer a.Deallocate()
	defer b.Deallocate()
	g.scenes.Draw(a)
	g.scenes.Draw(b)
	if after := g.logicSnapshot(); !reflect.DeepEqual(before, after) {
		return fmt.Errorf("drawing changed the game's state:\n%+v\n→\n%+v", before, after)
	}
	pa, pb := make([]byte, 4*g.w*g.h), make([]byte, 4*g.w*g.h)
	a.ReadPixels(pa)
	b.ReadPixels(pb)
	// Ebitengine may move an image into a texture atlas between two uses,
	// which changes the GPU's rounding by a level here and there: a
	// difference of one level is that, a real one (a panel moved, a
	// scroll changed, a tile redrawn) is larger.
	if !bytes.Equal(pa, pb) {
		n, box, most := 0, image.Rectangle{}, 0
		for i := 0; i < len(pa); i += 4 {
			if !bytes.Equal(pa[i:i+4], pb[i:i+4]) {
				n++
				for c := range 4 {
					most = max(most, int(pa[i+c])-int(pb[i+c]), int(pb[i+c])-int(pa[i+c]))
				}
				p := image.Pt((i/4)%g.w, (i/4)/g.w)
				box = box.Union(image.Rectangle{p, p.Add(image.Pt(1, 1))})
			}
		}
		if most <= 1 {
			return nil
		}
		return fmt.Errorf("two draws in a row differ in %d of %d pixels, within %v, by up to %d levels", n, g.w*g.h, box, most)
	}
	return nil
}
