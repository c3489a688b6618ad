package ui

// The mm grid and rulers (issue 5: "a mm ruler and grid overlay"), R
// toggles them. Lines lie at whole millimetres of the chart frame (origin
// at the apex), so a trainee can read spacing off the screen at any zoom.
// Levels whose lines would be closer than gridMinSpacingLog logical pixels
// are hidden, and every line, ruler band and tick of a frame goes into one
// DrawTriangles call: the draw calls per frame do not grow with the number
// of lines.

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/view"
)

// gridSteps are the grid levels in mm, finest first: 1, 5 and 10 mm
// (issue 5), then 50 and 100 mm so a zoomed-out view still has a grid.
// Each step divides the next, which the level of a line relies on.
var gridSteps = []int{1, 5, 10, 50, 100}

// gridMinSpacingLog is the closest two lines of one level may be, in
// logical pixels, before the level is hidden: closer lines merge into a
// tint and hide the dots (presentation choice, "~6 px" in the brief).
const gridMinSpacingLog = 6

// rulerLabelMinLog is the least room a ruler label gets, in logical
// pixels: labels come every 10 mm, or every 50 or 100 mm when 10 mm is
// narrower than this (presentation choice).
const rulerLabelMinLog = 34

// Ruler band sizes in logical pixels (presentation choice): the top band
// holds a label above the ticks, the left one a label of up to four
// characters beside them.
const (
	rulerTopLog  = 18
	rulerLeftLog = 30
)

// maxGridQuads bounds the quads of one frame's batch: DrawTriangles takes
// 16-bit indices (4 vertices a quad). The spacing rule keeps a 4K screen
// far below it.
const maxGridQuads = 65536/4 - 1

// gridState is the grid and ruler overlay.
type gridState struct {
	on    bool
	verts []ebiten.Vertex
	idx   []uint16
	label *text.GoTextFace
}

// gridLine is one grid line along one axis.
type gridLine struct {
	// MM is the line's chart coordinate (x for a vertical line, y for a
	// horizontal one).
	MM float64
	// Px is its screen coordinate.
	Px float64
	// Step is the coarsest visible grid step, in mm, that MM is a
	// multiple of: it sets how strongly the line is drawn.
	Step int
}

// visibleSteps returns the grid steps at least minPx apart at scale px/mm.
func visibleSteps(scale, minPx float64) []int {
	var vs []int
	for _, s := range gridSteps {
		if float64(s)*scale >= minPx {
			vs = append(vs, s)
		}
	}
	return vs
}

// gridAxis returns the grid lines along one axis between screen
// coordinates lo and hi, for the mapping px = off + (mm − originMM) ×
// scale (view.Camera's, shifted by a pane's offset off). Only levels at
// least minPx apart appear; each line is listed once, at its coarsest
// level.
func gridAxis(originMM, scale, off, lo, hi, minPx float64) []gridLine {
	vs := visibleSteps(scale, minPx)
	if len(vs) == 0 || !(scale > 0) || hi <= lo {
		return nil
	}
	f := vs[0]
	mmLo := originMM + (lo-off)/scale
	mmHi := originMM + (hi-off)/scale
	k0 := int(math.Ceil(mmLo / float64(f)))
	k1 := int(math.Floor(mmHi / float64(f)))
	var ls []gridLine
	for k := k0; k <= k1; k++ {
		n := k * f
		step := f
		for _, s := range vs[1:] {
			if n%s == 0 {
				step = s
			}
		}
		mm := float64(n)
		ls = append(ls, gridLine{MM: mm, Px: off + (mm-originMM)*scale, Step: step})
	}
	return ls
}

// pane is one view of the chart on the screen: the whole window, or a half
// of the split view. A chart point p is at screen x = X0 + Cam.ToScreen(p).x.
type pane struct {
	X0, W float64
	Cam   view.Camera
}

// ToScreen returns the screen position of chart point p in the pane.
func (p pane) ToScreen(x, y float64) (sx, sy float64) {
	return p.X0 + (x-p.Cam.Origin.X)*p.Cam.Scale, (y - p.Cam.Origin.Y) * p.Cam.Scale
}

// Grid line looks: the cursor's blue, stronger for coarser levels, so 10 mm
// reads at a glance and 1 mm only up close (presentation choices).
var (
	gridColour  = color.RGBA{0x00, 0x9e, 0xe0, 0xff}
	rulerBand   = color.RGBA{0x1b, 0x1d, 0x1f, 0xd8}
	rulerTickFg = color.RGBA{0xe8, 0xe8, 0xe8, 0xff}
)

// gridAlpha is how opaque a line of a step is.
func gridAlpha(step int) float32 {
	switch {
	case step >= 10:
		return 0.55
	case step >= 5:
		return 0.32
	}
	return 0.18
}

// toggleGrid is bound to R.
func (g *Game) toggleGrid() {
	s := &g.panels.grid
	s.on = !s.on
	if s.on {
		g.info("mm grid and rulers on (chart mm, origin at the apex; lines every 1 / 5 / 10 mm as the zoom allows) · R hides")
	}
}

// GridOn reports whether the mm grid and rulers are shown.
func (g *Game) GridOn() bool { return g.panels.grid.on }

// quad appends an axis-aligned rectangle to the frame's batch.
func (s *gridState) quad(x, y, w, h float32, c color.RGBA, a float32) {
	if w <= 0 || h <= 0 || len(s.verts)/4 >= maxGridQuads {
		return
	}
	r, gg, b := float32(c.R)/255, float32(c.G)/255, float32(c.B)/255
	i := uint16(len(s.verts))
	for _, v := range [4][2]float32{{x, y}, {x + w, y}, {x, y + h}, {x + w, y + h}} {
		// The source is the middle of the 1×1 white image.
		s.verts = append(s.verts, ebiten.Vertex{DstX: v[0], DstY: v[1], SrcX: 0.5, SrcY: 0.5,
			ColorR: r, ColorG: gg, ColorB: b, ColorA: a})
	}
	s.idx = append(s.idx, i, i+1, i+2, i+1, i+3, i+2)
}

// labelEvery returns the ruler label spacing in mm: 10, or the next grid
// step at least minPx wide.
func labelEvery(scale, minPx float64) int {
	for _, s := range gridSteps {
		if s >= 10 && float64(s)*scale >= minPx {
			return s
		}
	}
	return gridSteps[len(gridSteps)-1] * int(math.Ceil(minPx/(float64(gridSteps[len(gridSteps)-1])*scale)))
}

// rulerLabel is a ruler's number and the box it is drawn in.
type rulerLabel struct {
	S   string
	Box scene.Rect
}

// keepClear returns the labels, in order, without those that would
// overlap the last one kept or any box in avoid (the toolbar, the title
// line): a label half hidden or printed over its neighbour reads wrong.
func keepClear(ls []rulerLabel, avoid []scene.Rect) []rulerLabel {
	var kept []rulerLabel
	for _, l := range ls {
		if len(kept) > 0 && l.Box.Overlaps(kept[len(kept)-1].Box) {
			continue
		}
		if slices.ContainsFunc(avoid, l.Box.Overlaps) {
			continue
		}
		kept = append(kept, l)
	}
	return kept
}

// rulerTop is where the rulers' top band starts: under the toolbar, which
// would cover it.
func (g *Game) rulerTop() float64 { return g.toolbar.Height() }

// rulerLabels returns the labels of the top ruler (over every pane, left
// to right) and of the left ruler, each without those that collide with
// the previous one, the toolbar or the title line.
func (g *Game) rulerLabels() (top, left []rulerLabel) {
	s := &g.panels.grid
	if s.label == nil {
		s.label = &text.GoTextFace{Source: fontSource}
	}
	s.label.Size = g.ui(10.5)
	box := func(str string, x, y float64) rulerLabel {
		w, h := text.Measure(str, s.label, s.label.Size*1.3)
		return rulerLabel{S: str, Box: scene.Rect{X: x, Y: y, W: w, H: h}}
	}
	y0 := g.rulerTop()
	bottom := float64(g.h - g.statusHeight())
	minPx := g.ui(gridMinSpacingLog)
	panes := g.panes()
	for _, p := range panes {
		c := p.Cam
		every := labelEvery(c.Scale, g.ui(rulerLabelMinLog))
		for _, l := range gridAxis(c.Origin.X, c.Scale, p.X0, p.X0, p.X0+p.W, minPx) {
			if int(l.MM)%every == 0 {
				top = append(top, box(fmt.Sprintf("%d", int(l.MM)), l.Px+g.ui(2), y0))
			}
		}
	}
	if len(panes) > 0 {
		c := panes[0].Cam
		every := labelEvery(c.Scale, g.ui(rulerLabelMinLog))
		for _, l := range gridAxis(c.Origin.Y, c.Scale, 0, y0+g.ui(rulerTopLog), bottom, minPx) {
			if int(l.MM)%every == 0 {
				left = append(left, box(fmt.Sprintf("%d", int(l.MM)), g.ui(2), l.Px+g.ui(1)))
			}
		}
	}
	avoid := []scene.Rect{g.toolbar.bounds, g.titleRect(),
		{X: 0, Y: bottom, W: float64(g.w), H: float64(g.statusHeight())}}
	return keepClear(top, avoid), keepClear(left, avoid)
}

// drawGrid draws the mm grid over every pane and the rulers along the top
// (under the toolbar) and left edges: one DrawTriangles call, then the
// labels (text draws are batched by Ebitengine into its glyph atlas).
func (g *Game) drawGrid(screen *ebiten.Image) {
	s := &g.panels.grid
	if !s.on || g.w <= 0 || g.h <= 0 {
		return
	}
	s.verts, s.idx = s.verts[:0], s.idx[:0]
	bottom := float64(g.h - g.statusHeight())
	minPx := g.ui(gridMinSpacingLog)
	sw := float32(math.Max(1, math.Round(g.ui(1))))
	y0 := g.rulerTop()
	top, left := g.ui(rulerTopLog), g.ui(rulerLeftLog)
	panes := g.panes()
	for _, p := range panes {
		c := p.Cam
		xs := gridAxis(c.Origin.X, c.Scale, p.X0, p.X0, p.X0+p.W, minPx)
		ys := gridAxis(c.Origin.Y, c.Scale, 0, 0, bottom, minPx)
		for _, l := range xs {
			s.quad(float32(l.Px)-sw/2, 0, sw, float32(bottom), gridColour, gridAlpha(l.Step))
		}
		for _, l := range ys {
			s.quad(float32(p.X0), float32(l.Px)-sw/2, float32(p.W), sw, gridColour, gridAlpha(l.Step))
		}
		// Top ruler: a band, ticks (10 mm full, 5 mm half, 1 mm a
		// quarter of the band); labels every 10 mm or coarser.
		s.quad(float32(p.X0), float32(y0), float32(p.W), float32(top), rulerBand, float32(rulerBand.A)/255)
		for _, l := range xs {
			tl := tickLen(l.Step, top)
			s.quad(float32(l.Px)-sw/2, float32(y0+top-tl), sw, float32(tl), rulerTickFg, 0.9)
		}
	}
	// Left ruler, once at the window's left edge: both panes share the
	// vertical mapping.
	if len(panes) > 0 {
		c := panes[0].Cam
		ys := gridAxis(c.Origin.Y, c.Scale, 0, y0+top, bottom, minPx)
		s.quad(0, float32(y0+top), float32(left), float32(bottom-y0-top), rulerBand, float32(rulerBand.A)/255)
		for _, l := range ys {
			tl := tickLen(l.Step, left/2)
			s.quad(float32(left-tl), float32(l.Px)-sw/2, float32(tl), sw, rulerTickFg, 0.9)
		}
	}
	if len(s.idx) > 0 {
		op := &ebiten.DrawTrianglesOptions{}
		screen.DrawTriangles(s.verts, s.idx, white(), op)
	}
	tops, lefts := g.rulerLabels()
	for _, l := range append(tops, lefts...) {
		drawText(screen, l.S, s.label, l.Box.X, l.Box.Y, textColour)
	}
}

// tickLen is a ruler tick's length for a line of the given step in a band
// of thickness band.
func tickLen(step int, band float64) float64 {
	switch {
	case step >= 10:
		return band
	case step >= 5:
		return band * 0.5
	}
	return band * 0.28
}
