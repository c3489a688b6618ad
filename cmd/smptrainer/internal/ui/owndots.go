package ui

// The trainee's own dots, marked in the editor: at zooms where single dots
// read as dots, each of the work's impressions gets a thin ring just
// outside it, so it is not mistaken for the client's stubble (which the
// renderer draws finer and greyer, but alike at a glance). Only the
// editor's drawing changes: the rendered chart (sim/render, its golden
// images, exports) stays the honest picture of the skin.

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/sim/geom"
)

// ownDotMinRadiusLog is the least on-screen dot radius, in logical pixels,
// at which the rings show: below it dots merge into tone and a ring per
// dot would hide the work (presentation choice).
const ownDotMinRadiusLog = 1.5

// ownDotColour is the rings' colour: the cursor's blue, half transparent,
// so the dot inside keeps its own ink (presentation choice).
var ownDotColour = func() color.RGBA { c := cursorColour; c.A = 0x90; return c }()

// maxOwnRings bounds the ring images kept, one per on-screen radius.
const maxOwnRings = 32

// ownRingsShown reports whether a dot of radius radiusMM, at scale px/mm,
// is large enough on screen (minPx) to be ringed.
func ownRingsShown(radiusMM, scale, minPx float64) bool {
	return radiusMM*scale >= minPx
}

// ownRing returns the ring image for a dot of on-screen radius r (px).
func (g *Game) ownRing(r, sw float32) *ebiten.Image {
	key := float32(math.Round(float64(r)*2) / 2) // half-pixel steps
	if img, ok := g.ownRings[key]; ok {
		return img
	}
	if g.ownRings == nil || len(g.ownRings) >= maxOwnRings {
		for _, img := range g.ownRings {
			img.Deallocate()
		}
		g.ownRings = map[float32]*ebiten.Image{}
	}
	img := ebiten.NewImageFromImage(rasterRing(key+sw, sw, ownDotColour))
	g.ownRings[key] = img
	return img
}

// drawOwnDots rings the work's impressions in view when they are large
// enough on screen. Review shows its replay, and the distance view its
// blurred picture, without rings.
func (g *Game) drawOwnDots(screen *ebiten.Image) {
	if m, _ := g.DistanceView(); g.review() != nil || g.doc.Len() == 0 || m > 0 {
		return
	}
	c := g.cam
	minPx := ownDotMinRadiusLog * math.Max(1, g.dsf) // chart pixels, not UI size
	ims := g.doc.Impressions()
	sw := float32(math.Max(1, math.Round(g.ui(1))))
	view := geom.Rect{Min: c.Origin, Max: geom.Point{X: c.Origin.X + float64(g.w)/c.Scale, Y: c.Origin.Y + float64(g.h)/c.Scale}}
	op := &ebiten.DrawImageOptions{}
	g.doc.Query(view, func(i int) {
		im := ims[i]
		if !ownRingsShown(im.RadiusMM(), c.Scale, minPx) {
			return
		}
		ring := g.ownRing(float32(im.RadiusMM()*c.Scale), sw)
		half := float64(ring.Bounds().Dx()) / 2
		x, y := c.ToScreen(im.Pos)
		op.GeoM.Reset()
		op.GeoM.Translate(x-half, y-half)
		screen.DrawImage(ring, op)
	})
}
