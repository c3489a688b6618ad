package ui

// Canvas overlays (issue 4): the density heatmap against the session's
// target, gap and clump markers, the selected criterion's markers, and an
// expert example to compare with. Also the hooks that wire the panels into
// the game loop: panelsInput (update.go), drawOverlays and drawPanels
// (draw.go).

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/view"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/score"
)

// panelsTick does the panels' and overlays' work of the tick: background
// jobs, the live score and the heatmap.
func (g *Game) panelsTick() {
	g.pollJobs()
	g.scoreTick()
	g.heatTick()
}

// toggleHeat shows or hides the density map.
func (g *Game) toggleHeat() {
	p := &g.panels
	p.heat.on = !p.heat.on
	if p.heat.on {
		p.heat.dirty = true
		g.info("Density map: blue too sparse, clear on target, red too dense for session %d · M hides", g.doc.Number)
	}
}

// toggleMarkers shows or hides the gap and merging-dot markers.
func (g *Game) toggleMarkers() {
	p := &g.panels
	p.markers = !p.markers
	if p.markers {
		g.info("Gaps ringed blue, merging dots vermillion · G hides")
	}
}

// toggleExpert shows or hides the expert example over the work.
func (g *Game) toggleExpert() {
	p := &g.panels
	p.expert.on = !p.expert.on
	if p.expert.on {
		g.startExpert()
	}
}

// --- background jobs -------------------------------------------------

// Overlays that take a second to work out (the expert pattern, the
// heatmap's per-template cells) are made on another goroutine; the game
// polls for them once a tick and shows progress meanwhile.

// expertSeed seeds the expert example: any fixed value, so the example is
// the same each time (CONTRACTS: deterministic).
const expertSeed = 20260501

// expertState is the expert example overlay.
type expertState struct {
	on bool
	// key is the template and session ims were made for.
	key string
	ims []impression.Impression
	err error
	// A running generation: its key, result channel and start time.
	jobKey   string
	job      chan expertResult
	jobStart time.Time

	// The overlay as last rendered, at camera cam on a w×h screen.
	img       *ebiten.Image
	buf       *image.RGBA
	cam       view.Camera
	w, h      int
	drawnTick int
	stale     bool
}

type expertResult struct {
	ims []impression.Impression
	err error
}

func (g *Game) docKey() string { return fmt.Sprintf("%s|%d", g.doc.T.ID, g.doc.Number) }

// startExpert makes the expert example for the current template and
// session, unless it is made or being made.
func (g *Game) startExpert() {
	e := &g.panels.expert
	key := g.docKey()
	if e.key == key {
		g.info("Expert example for %s, session %d: %d impressions (blue) · X hides", g.doc.T.ID, g.doc.Number, len(e.ims))
		e.stale = true
		return
	}
	if e.job != nil && e.jobKey == key {
		return
	}
	ch := make(chan expertResult, 1)
	e.job, e.jobKey, e.jobStart = ch, key, time.Now()
	t, n := g.doc.T, g.doc.Number
	go func() {
		ims, err := pattern.Generate(t, pattern.Expert, n, expertSeed)
		ch <- expertResult{ims, err}
	}()
}

// heatState is the density heatmap overlay.
type heatState struct {
	on bool
	// The template's cells for one template and session, and a running
	// job making them.
	gridKey  string
	grid     *render.HeatmapGrid
	jobKey   string
	job      chan *render.HeatmapGrid
	jobStart time.Time

	// dirty: the work changed since the last measure started. A measure
	// runs on another goroutine over a snapshot of the positions (36–50
	// ms at 40,000 dots, which would drop frames on the game goroutine);
	// measure is its result channel, measureKey the grid it measures
	// with, startTick when it started.
	dirty      bool
	measure    chan *render.Heatmap
	measureKey string
	startTick  int
	// hm is the last finished measure, drawn until the next one lands.
	hm *render.Heatmap
	// img is hm as an image, made at the next Draw when imgStale.
	img      *ebiten.Image
	imgStale bool
	pix      []byte
}

// Heatmap sampling: 2 mm cells, fine enough to show a patch a few
// millimetres across (presentation); each cell shows the local density
// estimate the score grades (sim/density).
const (
	heatCellMM = 2.0
	// heatEveryTicks is the shortest time between two heatmap rebuilds
	// while impressions change (a measure is a few ms at 5,000 dots).
	heatEveryTicks = TPS / 2
)

// heatSettled reports whether the density map shows the work as it is: no
// change unmeasured and no measure running.
func (g *Game) heatSettled() bool {
	h := &g.panels.heat
	return !h.dirty && h.measure == nil && h.gridKey == g.docKey()
}

// pollJobs collects finished background work.
func (g *Game) pollJobs() {
	e := &g.panels.expert
	if e.job != nil {
		select {
		case r := <-e.job:
			e.job = nil
			if e.jobKey == g.docKey() {
				e.key, e.ims, e.err, e.stale = e.jobKey, r.ims, r.err, true
				if r.err != nil {
					g.error("Could not make the expert example: %v", r.err)
				} else if e.on {
					g.info("Expert example for %s, session %d: %d impressions (blue) · X hides", g.doc.T.ID, g.doc.Number, len(r.ims))
				}
			}
		default:
		}
	}
	if e.on && e.key != g.docKey() && e.job == nil {
		g.startExpert() // the document changed template or session
	}
	h := &g.panels.heat
	if h.job != nil {
		select {
		case grid := <-h.job:
			h.job = nil
			h.gridKey, h.grid, h.dirty = h.jobKey, grid, true
		default:
		}
	}
}

// heatTick keeps the heatmap in step with the work: it swaps in a
// finished measure, and starts the next on another goroutine when the
// work changed, at most every heatEveryTicks while impressions change.
// The game goroutine only copies the positions (a fraction of a
// millisecond at 100,000 dots); Draw shows the last finished map.
func (g *Game) heatTick() {
	h := &g.panels.heat
	key := g.docKey()
	if h.measure != nil {
		select {
		case hm := <-h.measure:
			h.measure = nil
			if h.measureKey == key {
				h.hm, h.imgStale = hm, true
			}
		default:
		}
	}
	if !h.on {
		return
	}
	if h.gridKey != key {
		h.hm = nil
		if h.job == nil || h.jobKey != key {
			ch := make(chan *render.HeatmapGrid, 1)
			h.job, h.jobKey, h.jobStart = ch, key, time.Now()
			t, n := g.doc.T, g.doc.Number
			go func() { ch <- render.NewHeatmapGrid(t, n, heatCellMM) }()
		}
		return
	}
	if !h.dirty || h.measure != nil || (h.hm != nil && g.tick-h.startTick < heatEveryTicks) {
		return
	}
	ims := g.doc.Impressions()
	ps := make([]geom.Point, len(ims))
	for i := range ims {
		ps[i] = ims[i].Pos
	}
	done := make(chan *render.Heatmap, 1)
	grid := h.grid
	h.measure, h.measureKey, h.startTick, h.dirty = done, key, g.tick, false
	go func() { done <- grid.MeasureAt(ps) }()
}

// heatImage turns the heatmap into a one-pixel-per-cell image, drawn
// scaled with linear filtering: the GPU interpolates between cell centres.
func (g *Game) heatImage() {
	h := &g.panels.heat
	hm := h.hm
	if hm == nil || hm.Cols <= 0 || hm.Rows <= 0 {
		return
	}
	if h.img == nil || h.img.Bounds().Dx() != hm.Cols || h.img.Bounds().Dy() != hm.Rows {
		if h.img != nil {
			h.img.Deallocate()
		}
		h.img = ebiten.NewImage(hm.Cols, hm.Rows)
		h.pix = make([]byte, 4*hm.Cols*hm.Rows)
	}
	for i, d := range hm.Density {
		c, a := render.HeatColour(render.Deviation(d, hm.Target[i]))
		p := h.pix[4*i : 4*i+4]
		// Premultiplied, as Ebitengine expects.
		p[0], p[1], p[2], p[3] = uint8(float64(c.R)*a), uint8(float64(c.G)*a), uint8(float64(c.B)*a), uint8(255*a)
	}
	h.img.WritePixels(h.pix)
	h.imgStale = false
}

// --- drawing ---------------------------------------------------------

// drawOverlays draws the canvas overlays over the chart (draw.go calls it
// right after the chart).
func (g *Game) drawOverlays(screen *ebiten.Image) {
	g.faces()
	// The split view's expert half and the mm grid go over everything
	// below (split.go), whichever return this takes.
	defer g.drawViewOverlays(screen)
	p := &g.panels
	if p.heat.on && p.heat.imgStale {
		g.heatImage()
	}
	if p.heat.on && p.heat.hm != nil && p.heat.img != nil {
		hm := p.heat.hm
		op := &ebiten.DrawImageOptions{}
		s := hm.CellMM * g.cam.Scale
		op.GeoM.Scale(s, s)
		op.GeoM.Translate((hm.Origin.X-g.cam.Origin.X)*g.cam.Scale, (hm.Origin.Y-g.cam.Origin.Y)*g.cam.Scale)
		op.Filter = ebiten.FilterLinear
		screen.DrawImage(p.heat.img, op)
	}
	if p.expert.on && p.expert.key == g.docKey() && len(p.expert.ims) > 0 {
		g.drawExpert(screen)
	}
	gaps, sel := g.canvasMarkers()
	g.drawMarkers(screen, gaps, g.ui(2))
	g.drawMarkers(screen, sel, g.ui(3))
}

// maxMarkersDrawn bounds the markers drawn per frame: they come worst
// first, and more than this many rings hide the work they point at.
const maxMarkersDrawn = 300

// canvasMarkers returns what the canvas marks over the work: with G on,
// the gaps criterion's faults (gaps and merging dots); and the selected
// criterion's faults, drawn wider. Each marker has its fault's kind, which
// picks its colour and shape as in the report (render.MarkerColour,
// render.MarkerIsCross).
func (g *Game) canvasMarkers() (gaps, selected []render.Marker) {
	p := &g.panels
	r := p.score.report
	if r == nil {
		return nil, nil
	}
	if p.markers {
		gaps = faultMarkers(r.Criterion(score.IDGaps))
	}
	if p.score.sel != "" {
		selected = faultMarkers(r.Criterion(p.score.sel))
	}
	return gaps, selected
}

// faultMarkers returns the places of c's marked faults (render.MarkedFaults)
// as markers of their kinds, worst fault first; nil for a nil c.
func faultMarkers(c *score.Criterion) []render.Marker {
	if c == nil {
		return nil
	}
	var ms []render.Marker
	for _, f := range render.MarkedFaults(c) {
		for _, pos := range f.Places {
			ms = append(ms, render.Marker{Pos: pos, Kind: f.Marker})
		}
	}
	return ms
}

// drawMarkers draws each marker (render.DefaultMarkerRadiusMM, at least 8
// logical px) in its kind's colour and shape with a pre-rasterised ring or
// cross: one texture per shape, one batch.
func (g *Game) drawMarkers(screen *ebiten.Image, ms []render.Marker, sw float64) {
	r := math.Max(render.DefaultMarkerRadiusMM*g.cam.Scale, g.ui(8))
	for i, m := range ms {
		if i >= maxMarkersDrawn {
			break
		}
		if !m.Pos.IsFinite() {
			continue
		}
		img := g.markerImage(render.MarkerIsCross(m.Kind), float32(r), float32(sw))
		half := float64(img.Bounds().Dx()) / 2
		x, y := g.cam.ToScreen(m.Pos)
		if x < -half || y < -half || x > float64(g.w)+half || y > float64(g.h)+half {
			continue
		}
		// A dark halo first, so the marker reads on any skin.
		op := &ebiten.DrawImageOptions{}
		op.GeoM.Translate(x-half+1, y-half+1)
		op.ColorScale.ScaleWithColor(render.MarkerHalo)
		screen.DrawImage(img, op)
		op = &ebiten.DrawImageOptions{}
		op.GeoM.Translate(x-half, y-half)
		op.ColorScale.ScaleWithColor(render.MarkerColour(m.Kind))
		screen.DrawImage(img, op)
	}
}

// markerImage returns a white ring (or, for cross, an X of the same
// reach) of radius r and stroke width sw, made once per shape and size (a
// zoom or the UI size changes it).
func (g *Game) markerImage(cross bool, r, sw float32) *ebiten.Image {
	p := &g.panels
	key := markerKey{r: r, sw: sw, cross: cross}
	if img := p.markerImgs[key]; img != nil {
		return img
	}
	if p.markerImgs == nil {
		p.markerImgs = map[markerKey]*ebiten.Image{}
	}
	// Keep the images of this size only: a zoom makes new ones.
	for k, img := range p.markerImgs {
		if k.r != r || k.sw != sw {
			img.Deallocate()
			delete(p.markerImgs, k)
		}
	}
	size := int(math.Ceil(float64(2*r+2*sw))) + 2
	pix := make([]byte, 4*size*size)
	c := float64(size) / 2
	k := float64(r) / math.Sqrt2 // a cross's arms reach the ring's diagonal
	for y := range size {
		for x := range size {
			dx, dy := float64(x)+0.5-c, float64(y)+0.5-c
			d := math.Abs(math.Hypot(dx, dy) - float64(r))
			if cross {
				// Distance to the nearer diagonal, within the arms' reach.
				d = math.Min(math.Abs(dx-dy), math.Abs(dx+dy)) / math.Sqrt2
				if math.Max(math.Abs(dx), math.Abs(dy)) > k {
					d = math.Inf(1)
				}
			}
			a := math.Max(0, math.Min(1, float64(sw)/2-d+0.5))
			v := byte(255 * a)
			copy(pix[4*(y*size+x):], []byte{v, v, v, v})
		}
	}
	img := ebiten.NewImage(size, size)
	img.WritePixels(pix)
	p.markerImgs[key] = img
	return img
}

// markerKey names one pre-rasterised marker image.
type markerKey struct {
	r, sw float32
	cross bool
}

// Expert overlay look: Okabe–Ito sky blue, 70% opaque, so the trainee's
// own (dark) dots and the example's read apart on any skin.
var expertColour = color.RGBA{0x56, 0xb4, 0xe9, 0xff}

const expertAlpha = 0.7

// expertRedrawTicks is the shortest time between two re-renders of the
// expert overlay while the view moves; in between, the last one is drawn
// moved and scaled to the new view.
const expertRedrawTicks = 6

// drawExpert draws the expert example: rendered on the CPU into a
// screen-sized image at the camera of the moment, re-rendered when the
// view has moved (at most every expertRedrawTicks), and drawn with one
// call.
func (g *Game) drawExpert(screen *ebiten.Image) {
	e := &g.panels.expert
	moved := e.cam != g.cam || e.w != g.w || e.h != g.h
	if e.img == nil || e.stale || (moved && g.tick-e.drawnTick >= expertRedrawTicks) {
		g.renderExpert()
	}
	op := &ebiten.DrawImageOptions{}
	k := g.cam.Scale / e.cam.Scale
	op.GeoM.Scale(k, k)
	op.GeoM.Translate((e.cam.Origin.X-g.cam.Origin.X)*g.cam.Scale, (e.cam.Origin.Y-g.cam.Origin.Y)*g.cam.Scale)
	op.Filter = ebiten.FilterLinear
	screen.DrawImage(e.img, op)
}

// renderExpert draws the expert dots visible at the current camera into
// the overlay image.
func (g *Game) renderExpert() {
	e := &g.panels.expert
	w, h := max(g.w, 1), max(g.h, 1)
	if e.img == nil || e.w != w || e.h != h {
		if e.img != nil {
			e.img.Deallocate()
		}
		e.img = ebiten.NewImage(w, h)
		e.buf = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	clear(e.buf.Pix)
	minR := g.ui(1.1)
	for i := range e.ims {
		im := &e.ims[i]
		x, y := g.cam.ToScreen(im.Pos)
		r := math.Max(im.DiameterMM/2*g.cam.Scale, minR)
		if x < -r || y < -r || x > float64(w)+r || y > float64(h)+r {
			continue
		}
		discInto(e.buf, x, y, r, expertColour, expertAlpha)
	}
	e.img.WritePixels(e.buf.Pix)
	e.cam, e.w, e.h, e.drawnTick, e.stale = g.cam, w, h, g.tick, false
}

// discInto blends an anti-aliased disc of colour c at opacity alpha over
// dst (premultiplied).
func discInto(dst *image.RGBA, cx, cy, r float64, c color.RGBA, alpha float64) {
	b := dst.Bounds()
	x0, x1 := max(b.Min.X, int(math.Floor(cx-r-1))), min(b.Max.X, int(math.Ceil(cx+r+1)))
	y0, y1 := max(b.Min.Y, int(math.Floor(cy-r-1))), min(b.Max.Y, int(math.Ceil(cy+r+1)))
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			a := alpha * math.Max(0, math.Min(1, r+0.5-d))
			if a <= 0 {
				continue
			}
			p := dst.Pix[dst.PixOffset(x, y):][:4]
			ia := 1 - a
			p[0] = uint8(float64(c.R)*a + float64(p[0])*ia)
			p[1] = uint8(float64(c.G)*a + float64(p[1])*ia)
			p[2] = uint8(float64(c.B)*a + float64(p[2])*ia)
			p[3] = uint8(255*a + float64(p[3])*ia)
		}
	}
}

// drawPanels draws the open panels, the heatmap legend and any progress
// (draw.go calls it after the status line).
func (g *Game) drawPanels(screen *ebiten.Image) {
	p := &g.panels
	var progress []string
	if p.expert.on && p.expert.job != nil {
		progress = append(progress, fmt.Sprintf("Generating an expert example for %s, session %d… %.1f s", g.doc.T.ID, g.doc.Number, time.Since(p.expert.jobStart).Seconds()))
	}
	if p.heat.on && p.heat.job != nil {
		progress = append(progress, fmt.Sprintf("Measuring the density map cells… %.1f s", time.Since(p.heat.jobStart).Seconds()))
	}
	y := float64(g.h-g.statusHeight()) - g.ui(44)
	for _, s := range progress {
		w := measure(s, g.face)
		x := (float64(g.w) - w) / 2
		pad := g.ui(8)
		fillRect(screen, float32(x-pad), float32(y-pad), float32(w+2*pad), float32(g.face.Size*1.3+2*pad), infoColour)
		drawText(screen, s, g.face, x, y, textColour)
		y -= g.face.Size*1.3 + 3*pad
	}
	if p.heat.on && p.heat.hm != nil {
		g.drawHeatLegend(screen)
	}
}

// drawHeatLegend explains the heatmap's colours in the bottom-right
// corner.
func (g *Game) drawHeatLegend(screen *ebiten.Image) {
	f := g.panels.tiny
	sparse, _ := render.HeatColour(-1)
	dense, _ := render.HeatColour(1)
	items := []struct {
		c color.RGBA
		s string
	}{{sparse, "too sparse"}, {color.RGBA{0x80, 0x80, 0x80, 0xff}, "on target (clear)"}, {dense, "too dense"}}
	sq := g.ui(12)
	lh := g.ui(18)
	w := g.ui(150)
	h := float64(len(items))*lh + g.ui(30)
	x := float64(g.w) - w - g.ui(panelMarginLog)
	y := float64(g.h-g.statusHeight()) - h - g.ui(panelMarginLog)
	if g.panels.score.open {
		x = g.scoreGeometry().panel.x - w - g.ui(panelMarginLog)
	}
	fillRect(screen, float32(x), float32(y), float32(w), float32(h), panelColour)
	drawText(screen, fmt.Sprintf("Density, session %d", g.doc.Number), f, x+g.ui(8), y+g.ui(6), textColour)
	for i, it := range items {
		yy := y + g.ui(26) + float64(i)*lh
		fillRect(screen, float32(x+g.ui(8)), float32(yy+g.ui(2)), float32(sq), float32(sq), it.c)
		drawText(screen, it.s, f, x+g.ui(8)+sq+g.ui(6), yy, dimColour)
	}
}

// ExpertExample returns the expert example's impressions once made, and
// whether one is being made.
func (g *Game) ExpertExample() (ims []impression.Impression, busy bool) {
	e := &g.panels.expert
	if e.key != g.docKey() {
		return nil, e.job != nil
	}
	return e.ims, e.job != nil
}

// DensityMap returns the heatmap the overlay shows, or nil.
func (g *Game) DensityMap() *render.Heatmap { return g.panels.heat.hm }
