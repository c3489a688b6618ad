package render

import (
	"image"
	"math"
	"sync"
	"sync/atomic"
)

// Anti-aliased discs for impressions and stubble.
//
// A disc's coverage mask depends only on its radius and on where its centre
// falls inside a pixel, so masks are cached per radius (quantised to
// 1/radiusSteps px) and per sub-pixel phase (1/phaseSteps px each way).
// Drawing a dot is then a table walk with no allocation. The quantisation
// moves a centre by at most 1/16 px and a radius by at most 1/64 px, well
// below what anti-aliasing can show.

const (
	phaseSteps  = 8  // sub-pixel positions per axis
	radiusSteps = 32 // radius quantum is 1/32 px
	// maxCachedRadiusPx bounds the cached masks: a 24 px radius mask is
	// 51×51 coverage values, and 64 phases of it take about 330 KB. Larger
	// discs (a deep zoom) are drawn directly; there are few on screen then.
	maxCachedRadiusPx = 24
	// maxCachedRadii bounds the cache: zooming visits many radii, and the
	// cache is dropped and rebuilt when this many are held.
	maxCachedRadii = 256
	// superSamples is the samples per axis per edge pixel when a mask is
	// built: 16×16 = 256 levels, the resolution of an 8-bit channel.
	superSamples = 16
)

// discMask is the coverage of one disc at one phase. Coverage is 0..65535
// (16 bits, so the faint coverage of a sub-pixel dot keeps its precision).
// Mask pixel (i, j) lands on dst pixel (ix+x0+i, iy+y0+j), where (ix, iy) is
// the pixel holding the quantised centre.
type discMask struct {
	x0, y0, w, h int
	cov          []uint16
}

// radiusMasks holds the masks of one radius, built lazily per phase. Two
// goroutines may build the same phase at once; both build identical masks,
// so the race is benign.
type radiusMasks struct {
	r      float64
	phases [phaseSteps * phaseSteps]atomic.Pointer[discMask]
}

var maskCache struct {
	sync.Mutex
	m map[uint32]*radiusMasks
}

// masksFor returns the mask set for a quantised radius rq (in 1/radiusSteps
// px).
func masksFor(rq uint32) *radiusMasks {
	maskCache.Lock()
	defer maskCache.Unlock()
	if maskCache.m == nil || len(maskCache.m) >= maxCachedRadii {
		maskCache.m = make(map[uint32]*radiusMasks)
	}
	rm := maskCache.m[rq]
	if rm == nil {
		rm = &radiusMasks{r: float64(rq) / radiusSteps}
		maskCache.m[rq] = rm
	}
	return rm
}

func (rm *radiusMasks) phase(px, py int) *discMask {
	slot := &rm.phases[py*phaseSteps+px]
	if m := slot.Load(); m != nil {
		return m
	}
	m := buildMask(rm.r, float64(px)/phaseSteps, float64(py)/phaseSteps)
	slot.Store(m)
	return m
}

// buildMask computes the coverage of a disc of radius r (px) centred at
// (fx, fy) inside pixel (0, 0).
//
// A disc under half a pixel across is splatted bilinearly: its area πr²
// is shared among the four pixels nearest its centre, so it keeps a
// footprint of at least one pixel, its total ink is exact, and it does not
// flicker as it moves. Larger discs are supersampled at their edge pixels.
func buildMask(r, fx, fy float64) *discMask {
	if r < 0.5 {
		area := math.Pi * r * r
		// Pixel centres sit at +0.5; find the 2×2 block around the centre.
		gx, gy := fx-0.5, fy-0.5
		x0, y0 := int(math.Floor(gx)), int(math.Floor(gy))
		tx, ty := gx-float64(x0), gy-float64(y0)
		w := [4]float64{(1 - tx) * (1 - ty), tx * (1 - ty), (1 - tx) * ty, tx * ty}
		m := &discMask{x0: x0, y0: y0, w: 2, h: 2, cov: make([]uint16, 4)}
		for i, wi := range w {
			m.cov[i] = uint16(math.Round(math.Min(1, area*wi) * 65535))
		}
		return m
	}
	x0 := int(math.Floor(fx - r))
	y0 := int(math.Floor(fy - r))
	x1 := int(math.Ceil(fx + r))
	y1 := int(math.Ceil(fy + r))
	m := &discMask{x0: x0, y0: y0, w: x1 - x0, h: y1 - y0}
	m.cov = make([]uint16, m.w*m.h)
	r2 := r * r
	// A pixel whose farthest corner is inside is full; one whose nearest
	// point is outside is empty; only the rest are sampled.
	const halfDiag = math.Sqrt2 / 2
	for j := range m.h {
		for i := range m.w {
			cx := float64(x0+i) + 0.5 - fx
			cy := float64(y0+j) + 0.5 - fy
			d := math.Hypot(cx, cy)
			var c float64
			switch {
			case d+halfDiag <= r:
				c = 1
			case d-halfDiag >= r:
				c = 0
			default:
				n := 0
				for sy := range superSamples {
					yy := cy - 0.5 + (float64(sy)+0.5)/superSamples
					for sx := range superSamples {
						xx := cx - 0.5 + (float64(sx)+0.5)/superSamples
						if xx*xx+yy*yy < r2 {
							n++
						}
					}
				}
				c = float64(n) / (superSamples * superSamples)
			}
			m.cov[j*m.w+i] = uint16(math.Round(c * 65535))
		}
	}
	return m
}

// discDrawer draws discs into one dst, remembering the mask sets of the
// last few radii so that dots of a handful of sizes, interleaved, never
// touch the shared cache's lock.
type discDrawer struct {
	dst   *image.RGBA
	clip  image.Rectangle
	local [localRadii]struct {
		rq uint32
		rm *radiusMasks
	}
	next int // round-robin replacement in local
}

// localRadii is how many radii a discDrawer keeps at hand: a session has a
// few needles, each at one look per stage.
const localRadii = 8

// masks returns the mask set for rq, from the local slots when it can.
func (d *discDrawer) masks(rq uint32) *radiusMasks {
	for i := range d.local {
		if d.local[i].rq == rq && d.local[i].rm != nil {
			return d.local[i].rm
		}
	}
	rm := masksFor(rq)
	d.local[d.next].rq, d.local[d.next].rm = rq, rm
	d.next = (d.next + 1) % localRadii
	return rm
}

func newDiscDrawer(dst *image.RGBA) *discDrawer {
	return &discDrawer{dst: dst, clip: dst.Bounds()}
}

// draw composites a disc of radius r px centred at pixel-space (cx, cy)
// in colour c, in linear light. Only the part inside dst.Bounds() is
// touched.
func (d *discDrawer) draw(cx, cy, r float64, c linColour) {
	// Keep pixel arithmetic in int range whatever the input: no dot is
	// wider than this many pixels on any screen.
	const maxR = 1 << 20
	r = math.Min(r, maxR)
	// Reject by bounds first: the comparisons are false for NaN, so a
	// non-finite centre or radius is dropped here too.
	if !(r > 0) || !(cx+r >= float64(d.clip.Min.X)) || !(cx-r <= float64(d.clip.Max.X)) ||
		!(cy+r >= float64(d.clip.Min.Y)) || !(cy-r <= float64(d.clip.Max.Y)) {
		return
	}
	if r > maxCachedRadiusPx {
		d.drawLarge(cx, cy, r, c)
		return
	}
	rq := uint32(math.Round(r * radiusSteps))
	if rq == 0 {
		rq = 1 // keep a minimum footprint: a dot never vanishes
	}
	qx := math.Floor(cx*phaseSteps + 0.5)
	qy := math.Floor(cy*phaseSteps + 0.5)
	ix := int(math.Floor(qx / phaseSteps))
	iy := int(math.Floor(qy / phaseSteps))
	px := int(qx) - ix*phaseSteps
	py := int(qy) - iy*phaseSteps
	m := d.masks(rq).phase(px, py)
	// Clip the mask to dst.
	bx, by := ix+m.x0, iy+m.y0
	i0 := max(0, d.clip.Min.X-bx)
	j0 := max(0, d.clip.Min.Y-by)
	i1 := min(m.w, d.clip.Max.X-bx)
	j1 := min(m.h, d.clip.Max.Y-by)
	for j := j0; j < j1; j++ {
		row := m.cov[j*m.w:]
		off := d.dst.PixOffset(bx+i0, by+j)
		pix := d.dst.Pix[off : off+(i1-i0)*4]
		for i := i0; i < i1; i++ {
			if a := uint32(row[i]); a != 0 {
				blendLinear(pix[(i-i0)*4:], c, a)
			}
		}
	}
}

// drawLarge draws a disc too big to cache, with coverage from the distance
// of each pixel centre to the rim: exact to a few percent at these sizes.
func (d *discDrawer) drawLarge(cx, cy, r float64, c linColour) {
	x0 := max(d.clip.Min.X, int(math.Floor(cx-r)))
	y0 := max(d.clip.Min.Y, int(math.Floor(cy-r)))
	x1 := min(d.clip.Max.X, int(math.Ceil(cx+r)))
	y1 := min(d.clip.Max.Y, int(math.Ceil(cy+r)))
	for y := y0; y < y1; y++ {
		dy := float64(y) + 0.5 - cy
		for x := x0; x < x1; x++ {
			dx := float64(x) + 0.5 - cx
			a := r - math.Hypot(dx, dy) + 0.5
			if a <= 0 {
				continue
			}
			a = math.Min(a, 1)
			blendLinear(d.dst.Pix[d.dst.PixOffset(x, y):], c, uint32(a*65535))
		}
	}
}
