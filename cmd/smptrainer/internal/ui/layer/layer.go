// Package layer keeps the chart picture (template and impressions) as a
// cache of tiles rendered by the software renderer (sim/render), so a frame
// costs the same few draw calls whether the chart holds ten impressions or
// a hundred thousand.
//
// Tiles are TileSize×TileSize pixels of the chart at one zoom bucket's
// scale (view.Camera.Bucket), all cut from one pixel grid per bucket, so
// neighbouring tiles meet without seams and a redraw of any rectangle gives
// the same pixels as a full render. Each tile keeps three pictures: on the
// CPU the template alone (base) and the template with its impressions
// (comp), and comp again on the GPU.
//
//   - A placed impression is drawn into comp over just its own pixels, in
//     every cached tile it touches, and only those pixels are uploaded.
//   - A removed impression (undo) restores its pixels from base and redraws
//     the impressions that overlap them, again uploading only that
//     rectangle.
//   - A zoom that changes bucket draws the old bucket's tiles, scaled,
//     until the new ones are rendered, a few per frame.
//   - Opening a file or changing what the template shows drops every tile.
//
// Once every tile the camera needs is there and the camera holds still,
// Draw composes them, over the background, into a screen-sized backdrop,
// kept while the camera, the screen size and the tiles stay the same: a frame that only moves the
// cursor or changes a panel then copies one picture pixel for pixel
// instead of scaling tens of tiles with linear filtering, which under a
// software GL (llvmpipe) was most of a frame's cost.
package layer

import (
	"fmt"
	"image"
	"math"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/doc"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/view"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/render"
)

// TileSize is the side of a tile in pixels: small enough that a tile
// renders in a few milliseconds, large enough that a full-HD screen needs
// only about 40 of them.
const TileSize = 256

// tilePad is the border, in pixels, each tile's picture carries past its
// own square, copied from its neighbours' area of the grid. Tiles are drawn
// overlapping by that much, so when the GPU scales them with linear
// filtering, the samples at a tile's edge find the neighbour's pixels
// instead of transparency, and no seam shows.
const tilePad = 1

// tileSpan is the side of a tile's picture, border included.
const tileSpan = TileSize + 2*tilePad

// MarginMM extends the cached area past the template's bounds, to show the
// strays a session file may hold (session.OutsideToleranceMM is 20 mm).
const MarginMM = 25.0

// guardPx is how far past a rectangle impressions are drawn before the
// rectangle is copied out. The renderer draws into a rectangle every dot
// whose disc reaches it, but a dot under half a pixel across is splatted
// over the 2×2 pixels around its centre, which can reach a pixel further
// than its disc: such a dot just outside the rectangle is skipped
// (reported to the renderer's owner). Drawing over a margin takes those
// dots in, so tiles and patches come out exactly as one big render would.
const guardPx = 4

// edgePx is how far past an impression's visible disc its pixels may
// change: the renderer's anti-aliased edge.
const edgePx = 2

// Stats counts work, for the benchmark and tests.
type Stats struct {
	// TilesRendered counts full tile renders.
	TilesRendered int
	// Patches counts dirty-rectangle redraws, and PatchPixels their area.
	Patches, PatchPixels int
	// DrawCalls is the number of tiles drawn in the last Draw (0 when
	// it copied the backdrop).
	DrawCalls int
	// Backdrops counts the times the tiles were composed into the
	// backdrop.
	Backdrops int
}

type key struct{ b, x, y int }

// backdrop is the chart as last composed for a camera and screen size.
type backdrop struct {
	img *ebiten.Image
	cam view.Camera
	gen int
	ok  bool
}

type tile struct {
	key
	base, comp *image.RGBA
	gpu        surface
	used       int
}

// surface is a tile's picture on the GPU. Tests and benchmarks run the
// layer without a GPU through a surface that only counts what it is sent.
type surface interface {
	// write replaces the pixels of r, in the surface's own coordinates.
	write(r image.Rectangle, pix []byte)
	// image returns the Ebitengine image to draw, or nil.
	image() *ebiten.Image
}

type ebitenSurface struct{ img *ebiten.Image }

func (s ebitenSurface) write(r image.Rectangle, pix []byte) {
	if r == s.img.Bounds() {
		s.img.WritePixels(pix)
		return
	}
	s.img.SubImage(r).(*ebiten.Image).WritePixels(pix)
}

func (s ebitenSurface) image() *ebiten.Image { return s.img }

// nullSurface stands in for the GPU in tests and benchmarks.
type nullSurface struct{ bytes *int }

func (s nullSurface) write(r image.Rectangle, pix []byte) { *s.bytes += len(pix) }
func (s nullSurface) image() *ebiten.Image                { return nil }

// Layer is the tile cache of one document's chart.
type Layer struct {
	d     *doc.Doc
	opts  render.Options
	stage appearance.Stage
	skin  colorful.Color
	// origin is the chart point at pixel (0, 0) of every bucket's grid:
	// the template's bounds less the margin, so tile indices start at 0.
	origin geom.Point
	size   geom.Point // chart size covered, mm

	tiles map[key]*tile
	free  []*tile
	frame int
	// prev is the bucket drawn completely last; its tiles stand in while
	// the current bucket's are rendered.
	prev int
	// maxR is the largest visible radius of any impression so far, mm: how
	// far a neighbour's pixels can reach into a dirty rectangle.
	maxR float64

	// Budget is how many tiles Draw renders per frame once a stand-in is
	// available; 0 means all that are missing.
	Budget int
	// TimeBudget, when positive, also stops rendering tiles in a frame
	// once this much time has gone (after at least one tile), so a zoom
	// never stalls a frame for long. It makes the number of frames a zoom
	// takes depend on the machine; tests leave it zero.
	TimeBudget time.Duration
	// MaxTiles bounds the cache; 0 picks a bound from the screen size.
	MaxTiles int
	// Stats counts the work done so far.
	Stats Stats

	cam     view.Camera
	scratch []byte
	// gen counts changes to the tiles' pictures: a tile rendered, patched
	// or dropped.
	gen  int
	back backdrop
	// lastCam is the camera of the last Draw.
	lastCam view.Camera
	dots    dotScratch
	// workers hold one dotScratch per tile-rendering goroutine.
	workers []dotScratch

	// headless layers upload nowhere and count the bytes instead.
	headless bool
	// Uploaded counts the bytes sent to the GPU (headless only).
	Uploaded int
}

// NewHeadless returns a layer that renders and patches tiles on the CPU
// exactly as New's does, but uploads nothing: for tests and benchmarks
// that run without a window. Call Prepare instead of Draw.
func NewHeadless(d *doc.Doc, opts render.Options, st appearance.Stage) *Layer {
	l := New(d, opts, st)
	l.headless = true
	return l
}

// New returns a layer drawing d with the template options opts and the
// impressions at stage st. It listens to d for changes.
func New(d *doc.Doc, opts render.Options, st appearance.Stage) *Layer {
	l := &Layer{d: d, opts: opts, stage: st, tiles: map[key]*tile{}, prev: math.MinInt, Budget: 6}
	l.skin, _ = colorful.Hex(d.T.Skin)
	b := d.T.Bounds().Inset(-MarginMM)
	l.origin = b.Min
	l.size = geom.Point{X: b.Dx(), Y: b.Dy()}
	for _, im := range d.Impressions() {
		l.grow(im)
	}
	d.Listen(l.changed)
	return l
}

// SetOptions changes what the template shows and the impressions' stage,
// dropping every tile.
func (l *Layer) SetOptions(opts render.Options, st appearance.Stage) {
	l.opts, l.stage = opts, st
	l.maxR = 0
	for _, im := range l.d.Impressions() {
		l.grow(im)
	}
	l.dropAll()
}

// Options returns the template options.
func (l *Layer) Options() render.Options { return l.opts }

func (l *Layer) dropAll() {
	l.gen++
	for k, t := range l.tiles {
		l.free = append(l.free, t)
		delete(l.tiles, k)
	}
	l.prev = math.MinInt
}

// radius returns how far from its centre an impression's pixels reach, mm.
func (l *Layer) radius(im impression.Impression) float64 {
	look := appearance.Dot(im, l.skin, StageOf(&im, l.stage, l.d.Number))
	return math.Max(look.DiameterMM, im.DiameterMM) / 2
}

func (l *Layer) grow(im impression.Impression) {
	l.maxR = math.Max(l.maxR, l.radius(im))
}

// changed is the document listener.
func (l *Layer) changed(c doc.Change) {
	switch c.Kind {
	case doc.Reset:
		l.maxR = 0
		for _, im := range l.d.Impressions() {
			l.grow(im)
		}
		l.dropAll()
	case doc.Added:
		l.grow(c.Im)
		l.patch(c.Im, true)
	case doc.Removed:
		l.patch(c.Im, false)
	case doc.Inserted:
		// Not necessarily on top: redraw its pixels with every dot in
		// placement order.
		l.grow(c.Im)
		l.patch(c.Im, false)
	}
}

// bucketView returns the render view of bucket b's pixel grid.
func (l *Layer) bucketView(cam view.Camera, b int) render.View {
	return render.View{Origin: l.origin, PxPerMM: cam.BucketScale(b)}
}

// pixelRect returns the pixels of the grid at scale s touched by the disc
// of radius r mm around p, with the anti-aliased edge.
func (l *Layer) pixelRect(p geom.Point, r, s float64) image.Rectangle {
	x0 := math.Floor((p.X-r-l.origin.X)*s) - edgePx
	y0 := math.Floor((p.Y-r-l.origin.Y)*s) - edgePx
	x1 := math.Ceil((p.X+r-l.origin.X)*s) + edgePx
	y1 := math.Ceil((p.Y+r-l.origin.Y)*s) + edgePx
	const lim = 1 << 30
	c := func(v float64) int { return int(math.Max(-lim, math.Min(lim, v))) }
	return image.Rect(c(x0), c(y0), c(x1), c(y1))
}

// patch redraws, in every cached tile, the pixels of impression im: drawn
// on top when it was added, or restored and redrawn without it when it was
// removed.
func (l *Layer) patch(im impression.Impression, added bool) {
	r := l.radius(im)
	for _, t := range l.tiles {
		s := l.cam.BucketScale(t.b)
		pr := l.pixelRect(im.Pos, r, s).Intersect(t.comp.Rect)
		if pr.Empty() {
			continue
		}
		v := render.View{Origin: l.origin, PxPerMM: s}
		if added {
			one := []impression.Impression{im}
			l.guarded(&l.dots, t.comp, t.comp, pr, func(tmp *image.RGBA) { l.dotsAt(tmp, one, v) })
		} else {
			l.dotsOver(&l.dots, t, v, pr)
		}
		l.upload(t, pr)
		l.gen++
		l.Stats.Patches++
		l.Stats.PatchPixels += pr.Dx() * pr.Dy()
	}
}

// dotsOver sets the pixels pr of t.comp to t.base with every impression
// that reaches them drawn on top.
func (l *Layer) dotsOver(sc *dotScratch, t *tile, v render.View, pr image.Rectangle) {
	l.guarded(sc, t.base, t.comp, pr, func(tmp *image.RGBA) { l.drawDotsWith(sc, tmp, v, tmp.Rect) })
}

// guarded sets the pixels pr of dst to those of src with draw applied,
// drawing on a scratch picture guardPx larger all round (see guardPx).
// The margin starts empty and is thrown away: no pixel's value depends on
// another's, so only the dots that reach pr matter.
func (l *Layer) guarded(sc *dotScratch, src, dst *image.RGBA, pr image.Rectangle, draw func(tmp *image.RGBA)) {
	g := pr.Inset(-guardPx)
	if n := 4 * g.Dx() * g.Dy(); cap(sc.guard) < n {
		sc.guard = make([]byte, n)
	}
	tmp := &image.RGBA{Pix: sc.guard[:4*g.Dx()*g.Dy()], Stride: 4 * g.Dx(), Rect: g}
	n := pr.Dx() * 4
	for y := pr.Min.Y; y < pr.Max.Y; y++ {
		copy(tmp.Pix[tmp.PixOffset(pr.Min.X, y):][:n], src.Pix[src.PixOffset(pr.Min.X, y):][:n])
	}
	draw(tmp)
	for y := pr.Min.Y; y < pr.Max.Y; y++ {
		copy(dst.Pix[dst.PixOffset(pr.Min.X, y):][:n], tmp.Pix[tmp.PixOffset(pr.Min.X, y):][:n])
	}
}

// dotScratch holds the buffers of one drawDots call, so tiles can render
// in parallel.
type dotScratch struct {
	idx   []int
	ims   []impression.Impression
	guard []byte
}

// drawDots draws, in placement order, every impression whose pixels can
// reach the pixel rectangle pr of dst.
func (l *Layer) drawDots(dst *image.RGBA, v render.View, pr image.Rectangle) {
	l.drawDotsWith(&l.dots, dst, v, pr)
}

func (l *Layer) drawDotsWith(sc *dotScratch, dst *image.RGBA, v render.View, pr image.Rectangle) {
	pad := l.maxR + (edgePx+1)/v.PxPerMM
	r := geom.Rect{
		Min: geom.Point{X: v.Origin.X + float64(pr.Min.X)/v.PxPerMM - pad, Y: v.Origin.Y + float64(pr.Min.Y)/v.PxPerMM - pad},
		Max: geom.Point{X: v.Origin.X + float64(pr.Max.X)/v.PxPerMM + pad, Y: v.Origin.Y + float64(pr.Max.Y)/v.PxPerMM + pad},
	}
	sc.idx = sc.idx[:0]
	l.d.Query(r, func(i int) { sc.idx = append(sc.idx, i) })
	if len(sc.idx) == 0 {
		return
	}
	// Placement order: a later dot is drawn over an earlier one, exactly
	// as in a full render.
	slices.Sort(sc.idx)
	all := l.d.Impressions()
	sc.ims = sc.ims[:0]
	for _, i := range sc.idx {
		sc.ims = append(sc.ims, all[i])
	}
	l.dotsAt(dst, sc.ims, v)
}

// upload sends the pixels of r (grid coordinates) of t.comp to its GPU
// image.
func (l *Layer) upload(t *tile, r image.Rectangle) {
	n := r.Dx() * 4
	if cap(l.scratch) < n*r.Dy() {
		l.scratch = make([]byte, n*r.Dy())
	}
	buf := l.scratch[:n*r.Dy()]
	for y := r.Min.Y; y < r.Max.Y; y++ {
		o := t.comp.PixOffset(r.Min.X, y)
		copy(buf[(y-r.Min.Y)*n:], t.comp.Pix[o:o+n])
	}
	t.gpu.write(r.Sub(t.comp.Rect.Min), buf)
}

// tileCount returns how many tiles bucket b's grid has across and down.
func (l *Layer) tileCount(cam view.Camera, b int) (nx, ny int) {
	s := cam.BucketScale(b)
	return int(math.Ceil(l.size.X * s / TileSize)), int(math.Ceil(l.size.Y * s / TileSize))
}

// visible returns the range of tile indices of bucket b that the camera
// sees on a w×h screen: [x0, x1) × [y0, y1).
func (l *Layer) visible(cam view.Camera, b, w, h int) (x0, y0, x1, y1 int) {
	s := cam.BucketScale(b)
	a := cam.ToMM(0, 0)
	z := cam.ToMM(float64(w), float64(h))
	nx, ny := l.tileCount(cam, b)
	f := func(mm, o float64, n int, up bool) int {
		v := (mm - o) * s / TileSize
		var i float64
		if up {
			i = math.Ceil(v)
		} else {
			i = math.Floor(v)
		}
		return int(math.Max(0, math.Min(float64(n), i)))
	}
	return f(a.X, l.origin.X, nx, false), f(a.Y, l.origin.Y, ny, false), f(z.X, l.origin.X, nx, true), f(z.Y, l.origin.Y, ny, true)
}

// paint renders tile t's picture on the CPU; tiles paint in parallel.
func (l *Layer) paint(cam view.Camera, t *tile, sc *dotScratch) {
	v := l.bucketView(cam, t.b)
	render.Template(t.base, l.d.T, v, l.opts)
	l.dotsOver(sc, t, v, t.comp.Rect)
}

// renderTiles paints the tiles in parallel, one goroutine per processor,
// then uploads them. The document is not changed meanwhile: Prepare runs
// in Draw, edits in Update, on the same goroutine.
func (l *Layer) renderTiles(cam view.Camera, ts []*tile) {
	n := min(len(ts), runtime.GOMAXPROCS(0))
	for len(l.workers) < n {
		l.workers = append(l.workers, dotScratch{})
	}
	if n <= 1 {
		for _, t := range ts {
			l.paint(cam, t, &l.dots)
		}
	} else {
		var wg sync.WaitGroup
		next := make(chan *tile, len(ts))
		for _, t := range ts {
			next <- t
		}
		close(next)
		for w := range n {
			sc := &l.workers[w]
			wg.Go(func() {
				for t := range next {
					l.paint(cam, t, sc)
				}
			})
		}
		wg.Wait()
	}
	for _, t := range ts {
		t.gpu.write(image.Rect(0, 0, tileSpan, tileSpan), t.comp.Pix)
		l.Stats.TilesRendered++
	}
	l.gen++
}

// newTile returns a tile for k, reusing a free one when it can.
func (l *Layer) newTile(k key) *tile {
	r := image.Rect(k.x*TileSize, k.y*TileSize, (k.x+1)*TileSize, (k.y+1)*TileSize).Inset(-tilePad)
	var t *tile
	if n := len(l.free); n > 0 {
		t = l.free[n-1]
		l.free = l.free[:n-1]
		t.base.Rect, t.comp.Rect = r, r
	} else {
		t = &tile{base: image.NewRGBA(r), comp: image.NewRGBA(r)}
		if l.headless {
			t.gpu = nullSurface{&l.Uploaded}
		} else {
			t.gpu = ebitenSurface{ebiten.NewImage(tileSpan, tileSpan)}
		}
	}
	t.key = k
	l.tiles[k] = t
	return t
}

// evict drops the least recently used tiles beyond the bound, never one
// used in this frame.
func (l *Layer) evict(limit int) {
	if len(l.tiles) <= limit {
		return
	}
	all := make([]*tile, 0, len(l.tiles))
	for _, t := range l.tiles {
		if t.used != l.frame {
			all = append(all, t)
		}
	}
	slices.SortFunc(all, func(a, b *tile) int { return a.used - b.used })
	for _, t := range all {
		if len(l.tiles) <= limit {
			break
		}
		delete(l.tiles, t.key)
		l.free = append(l.free, t)
	}
}

// Complete reports whether every tile the camera needs on a w×h screen is
// rendered at the camera's bucket.
func (l *Layer) Complete(cam view.Camera, w, h int) bool {
	b := cam.Bucket()
	x0, y0, x1, y1 := l.visible(cam, b, w, h)
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			if l.tiles[key{b, x, y}] == nil {
				return false
			}
		}
	}
	return true
}

// Prepare renders the tiles the camera needs on a w×h screen: all that
// are missing when nothing can stand in for them, else up to Budget of
// them, nearest the centre first. It reports whether the current zoom
// bucket is complete. Draw calls it.
func (l *Layer) Prepare(cam view.Camera, w, h int) bool {
	l.cam = cam
	l.frame++
	b := cam.Bucket()
	x0, y0, x1, y1 := l.visible(cam, b, w, h)
	var missing []key
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			k := key{b, x, y}
			if t := l.tiles[k]; t != nil {
				t.used = l.frame
			} else {
				missing = append(missing, k)
			}
		}
	}
	cx, cy := float64(x0+x1)/2, float64(y0+y1)/2
	dist := func(k key) float64 { return math.Hypot(float64(k.x)+0.5-cx, float64(k.y)+0.5-cy) }
	slices.SortStableFunc(missing, func(a, c key) int {
		da, dc := dist(a), dist(c)
		switch {
		case da < dc:
			return -1
		case da > dc:
			return 1
		}
		return 0
	})
	budget := len(missing)
	if l.Budget > 0 && l.prev != math.MinInt && l.prev != b {
		budget = min(budget, l.Budget)
	}
	limit := l.MaxTiles
	if limit == 0 {
		// Room for the screen at this zoom and the one before, and the
		// tiles just off screen that a pan brings back.
		limit = 2*(x1-x0+2)*(y1-y0+2) + 8
	}
	start := time.Now()
	done := 0
	// Render in rounds of one tile per processor, checking the time
	// budget between rounds.
	round := max(1, runtime.GOMAXPROCS(0))
	var batch []*tile
	for done < budget {
		if done > 0 && l.TimeBudget > 0 && budget < len(missing) && time.Since(start) > l.TimeBudget {
			break
		}
		batch = batch[:0]
		for _, k := range missing[done:min(budget, done+round)] {
			l.evict(limit - 1)
			t := l.newTile(k)
			t.used = l.frame
			batch = append(batch, t)
		}
		l.renderTiles(cam, batch)
		done += len(batch)
	}
	complete := done == len(missing)
	if complete {
		l.prev = b
	}
	return complete
}

// Draw draws the chart, over the chart's background, on the whole of
// screen as the camera sees it, rendering the tiles it needs first
// (Prepare). While the camera's bucket is incomplete, the last complete
// bucket's tiles, scaled, stand in underneath. A complete picture is kept
// as the backdrop and copied while nothing it shows changes.
func (l *Layer) Draw(screen *ebiten.Image, cam view.Camera) {
	w, h := screen.Bounds().Dx(), screen.Bounds().Dy()
	prev := l.prev
	complete := l.Prepare(cam, w, h)
	l.Stats.DrawCalls = 0
	moving := cam != l.lastCam
	l.lastCam = cam
	if !complete || moving {
		// A stand-in, or a camera that moves from frame to frame (a pan,
		// a zoom): compose straight onto the screen; a backdrop would
		// cost one more copy each frame.
		l.back.ok = false
		l.compose(screen, cam, prev, complete)
		return
	}
	bk := &l.back
	if bk.img != nil && (bk.img.Bounds().Dx() != w || bk.img.Bounds().Dy() != h) {
		bk.img.Deallocate()
		bk.img = nil
	}
	if bk.img == nil {
		bk.img = ebiten.NewImage(w, h)
		bk.ok = false
	}
	if !bk.ok || bk.cam != cam || bk.gen != l.gen {
		l.compose(bk.img, cam, prev, complete)
		bk.cam, bk.gen, bk.ok = cam, l.gen, true
		l.Stats.Backdrops++
	}
	screen.DrawImage(bk.img, &ebiten.DrawImageOptions{Blend: ebiten.BlendCopy})
}

// compose draws the background and the tiles on dst: the stand-ins of
// bucket prev first when the camera's bucket is not complete.
func (l *Layer) compose(dst *ebiten.Image, cam view.Camera, prev int, complete bool) {
	w, h := dst.Bounds().Dx(), dst.Bounds().Dy()
	dst.Fill(render.Background)
	if !complete && prev != math.MinInt {
		px0, py0, px1, py1 := l.visible(cam, prev, w, h)
		for y := py0; y < py1; y++ {
			for x := px0; x < px1; x++ {
				if t := l.tiles[key{prev, x, y}]; t != nil {
					t.used = l.frame
					l.drawTile(dst, cam, t)
				}
			}
		}
	}
	b := cam.Bucket()
	x0, y0, x1, y1 := l.visible(cam, b, w, h)
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			if t := l.tiles[key{b, x, y}]; t != nil {
				l.drawTile(dst, cam, t)
			}
		}
	}
}

// drawTile draws one tile where the camera puts it.
func (l *Layer) drawTile(screen *ebiten.Image, cam view.Camera, t *tile) {
	s := cam.BucketScale(t.b)
	k := cam.Scale / s
	// The grid's offset from the screen's top-left corner, in grid pixels.
	ox := (cam.Origin.X - l.origin.X) * s
	oy := (cam.Origin.Y - l.origin.Y) * s
	op := &ebiten.DrawImageOptions{}
	if math.Abs(k-1) < 1e-9 {
		// At the bucket's own scale, land on whole pixels: a crisp 1:1.
		ox, oy = math.Round(ox), math.Round(oy)
		op.GeoM.Translate(float64(t.comp.Rect.Min.X)-ox, float64(t.comp.Rect.Min.Y)-oy)
	} else {
		op.GeoM.Translate(float64(t.comp.Rect.Min.X)-ox, float64(t.comp.Rect.Min.Y)-oy)
		op.GeoM.Scale(k, k)
		op.Filter = ebiten.FilterLinear
	}
	screen.DrawImage(t.gpu.image(), op)
	l.Stats.DrawCalls++
}

// CheckTiles re-renders every cached tile from scratch on the CPU and
// reports the first whose picture differs from the incrementally patched
// one. Tests use it to prove that patching equals a full redraw.
func (l *Layer) CheckTiles() error {
	for _, t := range l.tiles {
		v := render.View{Origin: l.origin, PxPerMM: l.cam.BucketScale(t.b)}
		// The oracle: the tile's template, freshly rendered, with every
		// impression drawn over a much larger area around it, read back
		// over the tile.
		const oracleMarginPx = 32
		tpl := image.NewRGBA(t.comp.Rect)
		render.Template(tpl, l.d.T, v, l.opts)
		fresh := image.NewRGBA(t.comp.Rect.Inset(-oracleMarginPx))
		for y := tpl.Rect.Min.Y; y < tpl.Rect.Max.Y; y++ {
			copy(fresh.Pix[fresh.PixOffset(tpl.Rect.Min.X, y):][:4*tpl.Rect.Dx()], tpl.Pix[tpl.PixOffset(tpl.Rect.Min.X, y):][:4*tpl.Rect.Dx()])
		}
		l.dotsAt(fresh, l.d.Impressions(), v)
		for y := t.comp.Rect.Min.Y; y < t.comp.Rect.Max.Y; y++ {
			for x := t.comp.Rect.Min.X; x < t.comp.Rect.Max.X; x++ {
				a, b := fresh.RGBAAt(x, y), t.comp.RGBAAt(x, y)
				if a != b {
					return fmt.Errorf("tile %v: pixel (%d, %d) is %v patched but %v redrawn", t.key, x, y, b, a)
				}
			}
		}
	}
	return nil
}

// Tiles returns the number of cached tiles.
func (l *Layer) Tiles() int { return len(l.tiles) }

// TileEdges returns the screen x of the vertical, and the screen y of the
// horizontal, boundaries between the camera's tiles on a w×h screen (for
// tests that look for seams).
func (l *Layer) TileEdges(cam view.Camera, w, h int) (xs, ys []float64) {
	b := cam.Bucket()
	s := cam.BucketScale(b)
	x0, y0, x1, y1 := l.visible(cam, b, w, h)
	k := cam.Scale / s
	for x := x0 + 1; x < x1; x++ {
		xs = append(xs, (float64(x*TileSize)-(cam.Origin.X-l.origin.X)*s)*k)
	}
	for y := y0 + 1; y < y1; y++ {
		ys = append(ys, (float64(y*TileSize)-(cam.Origin.Y-l.origin.Y)*s)*k)
	}
	return xs, ys
}
