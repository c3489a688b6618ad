package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"golang.org/x/image/vector"

	"github.com/smptrainer/smp/sim/geom"
)

// pt is a position in pixel space.
type pt struct{ x, y float64 }

// shape collects closed sub-paths in pixel space to be filled together. All
// sub-paths are stored counter-clockwise (positive signed area): package
// vector sums signed coverage and clamps it to one, so sub-paths of one
// orientation overlap as a union (a stroke's segments and joins), where
// mixed orientations would cancel into holes.
type shape struct {
	pts    []pt
	starts []int // index in pts where each sub-path begins
	minX   float64
	minY   float64
	maxX   float64
	maxY   float64
}

// sub returns the points of sub-path k.
func (s *shape) sub(k int) []pt {
	en := len(s.pts)
	if k+1 < len(s.starts) {
		en = s.starts[k+1]
	}
	return s.pts[s.starts[k]:en]
}

func (s *shape) reset() {
	s.pts = s.pts[:0]
	s.starts = s.starts[:0]
	s.minX, s.minY = math.Inf(1), math.Inf(1)
	s.maxX, s.maxY = math.Inf(-1), math.Inf(-1)
}

func (s *shape) empty() bool { return len(s.starts) == 0 }

// begin starts a sub-path; end closes it and fixes its orientation.
func (s *shape) begin() { s.starts = append(s.starts, len(s.pts)) }

func (s *shape) add(x, y float64) {
	if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
		return // a non-finite vertex would poison the rasterizer's sums
	}
	s.pts = append(s.pts, pt{x, y})
	s.minX = math.Min(s.minX, x)
	s.minY = math.Min(s.minY, y)
	s.maxX = math.Max(s.maxX, x)
	s.maxY = math.Max(s.maxY, y)
}

func (s *shape) end() {
	i := s.starts[len(s.starts)-1]
	sub := s.pts[i:]
	if len(sub) < 3 {
		s.pts = s.pts[:i]
		s.starts = s.starts[:len(s.starts)-1]
		return
	}
	var a float64
	for k := range sub {
		p, q := sub[k], sub[(k+1)%len(sub)]
		a += p.x*q.y - q.x*p.y
	}
	if a < 0 {
		for l, r := 0, len(sub)-1; l < r; l, r = l+1, r-1 {
			sub[l], sub[r] = sub[r], sub[l]
		}
	}
}

// polygon adds a chart polygon.
func (s *shape) polygon(pg geom.Polygon, v View) {
	s.begin()
	for _, p := range pg {
		s.add(v.ToPx(p))
	}
	s.end()
}

// quad adds the segment a–b as a rectangle of half-width hw.
func (s *shape) quad(a, b pt, hw float64) {
	dx, dy := b.x-a.x, b.y-a.y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return
	}
	nx, ny := -dy/l*hw, dx/l*hw
	s.begin()
	s.add(a.x+nx, a.y+ny)
	s.add(b.x+nx, b.y+ny)
	s.add(b.x-nx, b.y-ny)
	s.add(a.x-nx, a.y-ny)
	s.end()
}

// disc adds a circle of radius r as a polygon fine enough that its facets
// stay under a tenth of a pixel from the true circle.
func (s *shape) disc(c pt, r float64) {
	n := discSegments(r)
	s.begin()
	for k := range n {
		a := 2 * math.Pi * float64(k) / float64(n)
		s.add(c.x+r*math.Cos(a), c.y+r*math.Sin(a))
	}
	s.end()
}

// ring adds an annulus between radii r-hw and r+hw as segments, for
// outlined circles.
func (s *shape) ring(c pt, r, hw float64) {
	n := discSegments(r + hw)
	prev := pt{c.x + r, c.y}
	for k := 1; k <= n; k++ {
		a := 2 * math.Pi * float64(k) / float64(n)
		p := pt{c.x + r*math.Cos(a), c.y + r*math.Sin(a)}
		s.quad(prev, p, hw)
		if hw >= 0.75 {
			s.disc(p, hw)
		}
		prev = p
	}
}

func discSegments(r float64) int {
	// A chord of angle θ sits r(1-cos(θ/2)) ≈ rθ²/8 inside the arc; keep
	// that under 0.1 px.
	if r <= 0 {
		return 8
	}
	n := int(math.Ceil(2 * math.Pi / math.Sqrt(0.8/r)))
	return min(max(n, 8), 512)
}

// stroke adds a polyline of half-width hw with round joins; closed adds the
// segment back to the start.
func (s *shape) stroke(pts []pt, hw float64, closed bool) {
	n := len(pts)
	if n < 2 {
		return
	}
	segs := n - 1
	if closed {
		segs = n
	}
	for i := range segs {
		s.quad(pts[i], pts[(i+1)%n], hw)
	}
	// Round joins only matter once a line is thick enough to show a notch.
	if hw >= 0.75 {
		for i, p := range pts {
			if closed || (i > 0 && i < n-1) {
				s.disc(p, hw)
			}
		}
	}
}

// dashed adds a polyline as dashes of length on separated by gaps off,
// all in pixels, starting with a dash at the first point. Only the dashes
// near box (minX, minY, maxX, maxY) are built: parts of the line far
// outside it only advance the dash phase, so a deep zoom, where a line is
// millions of pixels long, costs no more than the visible part.
func (s *shape) dashed(pts []pt, hw, on, off float64, box [4]float64) {
	if len(pts) < 2 || !(on > 0) || !(off >= 0) {
		return
	}
	period := on + off
	u := 0.0 // distance into the current period: [0, on) is dash
	var dash []pt
	flush := func() {
		if len(dash) > 1 {
			s.stroke(dash, hw, false)
		}
		dash = dash[:0]
	}
	advance := func(d float64) { u = math.Mod(u+d, period) }
	lerp := func(a, b pt, t float64) pt { return pt{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t} }
	dash = append(dash, pts[0])
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		l := math.Hypot(b.x-a.x, b.y-a.y)
		if !(l > 0) || math.IsInf(l, 0) {
			continue
		}
		t0, t1, ok := clipSegment(a, b, box)
		if !ok {
			flush()
			advance(l)
			if u < on {
				dash = append(dash, b)
			}
			continue
		}
		if t0 > 0 {
			flush()
			advance(t0 * l)
			if u < on {
				dash = append(dash, lerp(a, b, t0))
			}
		}
		// Walk the visible part dash by dash. Each step either reaches the
		// end of the visible part or finishes a whole dash or gap, so the
		// loop ends whatever the rounding.
		d, end := t0*l, t1*l
		for d < end {
			if u < on {
				rem := on - u
				if d+rem >= end {
					u += end - d
					dash = append(dash, lerp(a, b, t1))
					if u >= on {
						flush()
					}
					break
				}
				d += rem
				dash = append(dash, lerp(a, b, d/l))
				flush()
				u = on
				if off == 0 {
					u = 0
					dash = append(dash, lerp(a, b, d/l))
				}
			} else {
				rem := period - u
				if d+rem >= end {
					u += end - d
					break
				}
				d += rem
				u = 0
				flush()
				dash = append(dash, lerp(a, b, d/l))
			}
		}
		if t1 < 1 {
			flush()
			advance((1 - t1) * l)
			if u < on {
				dash = append(dash, b)
			}
		}
	}
	flush()
}

// clipSegment returns the parameter range [t0, t1] of the segment a–b
// inside box (Liang–Barsky), and false when none of it is.
func clipSegment(a, b pt, box [4]float64) (t0, t1 float64, ok bool) {
	t0, t1 = 0, 1
	dx, dy := b.x-a.x, b.y-a.y
	for _, c := range [4][2]float64{{-dx, a.x - box[0]}, {dx, box[2] - a.x}, {-dy, a.y - box[1]}, {dy, box[3] - a.y}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = math.Max(t0, r)
		} else {
			t1 = math.Min(t1, r)
		}
	}
	if !(t0 <= t1) {
		return 0, 0, false
	}
	return t0, t1, true
}

// dashed adds a dashed polyline clipped around dst; see shape.dashed.
func (p *painter) dashed(pts []pt, hw, on, off float64) {
	b := p.dst.Bounds()
	m := hw + 2
	p.s.dashed(pts, hw, on, off, [4]float64{float64(b.Min.X) - m, float64(b.Min.Y) - m, float64(b.Max.X) + m, float64(b.Max.Y) + m})
}

// toPx converts chart points to pixel space.
func toPx(pl []geom.Point, v View) []pt {
	out := make([]pt, len(pl))
	for i, p := range pl {
		x, y := v.ToPx(p)
		out[i] = pt{x, y}
	}
	return out
}

// painter rasterizes shapes into coverage masks clipped to dst.
type painter struct {
	dst  *image.RGBA
	v    View
	ls   float64 // line scale, see Options.LineScale
	z    vector.Rasterizer
	mask image.Alpha
	s    shape
	// clipA and clipB are scratch buffers for clipToBox.
	clipA, clipB []pt
	// chunk is the scratch mask of one rasterisation; boxes the bounds of
	// the current shape's sub-paths; maskOrigin the dst pixel of mask's
	// (0, 0).
	chunk      image.Alpha
	boxes      [][4]float64
	maskOrigin image.Point
	// dist is scratch for the scar shading.
	dist []float64
}

// minLineScale and maxLineScale bound Options.LineScale: a quarter of the
// normal line weight is already hairline-thin, and 16× is beyond any
// high-DPI screen or print resolution.
const (
	minLineScale = 0.25
	maxLineScale = 16
)

// painters keeps painters, with their rasterizer and mask buffers (tens of
// megabytes for a large canvas), between calls.
var painters = sync.Pool{New: func() any { return new(painter) }}

// newPainter takes a painter from the pool; release it when done.
func newPainter(dst *image.RGBA, v View, lineScale float64) *painter {
	if !(lineScale > 0) || math.IsInf(lineScale, 0) {
		lineScale = 1
	}
	lineScale = math.Max(minLineScale, math.Min(maxLineScale, lineScale))
	p := painters.Get().(*painter)
	p.dst, p.v, p.ls = dst, v, lineScale
	p.s.reset()
	return p
}

// release returns p to the pool. It must not be used afterwards.
func (p *painter) release() {
	p.dst = nil
	painters.Put(p)
}

// chunkPx is the side of the global pixel grid shapes are rasterised on.
// Each rasterisation covers either a shape's whole pixel bounds (when they
// fit in one chunk) or whole grid cells, never just the part inside dst.
// So a pixel's coverage does not depend on dst at all, and a sub-rectangle
// or a 256-pixel tile (the trainer's tile size) gets exactly the pixels of
// a full render. At this size package vector also stays in its exact
// fixed-point mode, where a large canvas would use float32 and drift.
const chunkPx = 256

// rasterize turns s into a coverage mask over r, the part of dst.Bounds()
// the shape can touch. It returns an empty r when there is nothing to draw.
// The mask's pixel (x, y) is at dst pixel r.Min + (x, y).
func (p *painter) rasterize(s *shape) (r image.Rectangle) {
	if s.empty() {
		return image.Rectangle{}
	}
	// Clamp before converting: a vertex far off-screen must not overflow int.
	const far = 1 << 24
	full := image.Rect(
		int(math.Floor(math.Max(s.minX, -far))), int(math.Floor(math.Max(s.minY, -far))),
		int(math.Ceil(math.Min(s.maxX, far)))+1, int(math.Ceil(math.Min(s.maxY, far)))+1,
	)
	r = full.Intersect(p.dst.Bounds())
	if r.Empty() {
		return image.Rectangle{}
	}
	resizeAlpha(&p.mask, r.Dx(), r.Dy())
	p.maskOrigin = r.Min

	// Sub-path bounds, for skipping sub-paths that miss a chunk.
	p.boxes = p.boxes[:0]
	for k := range s.starts {
		bb := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for _, q := range s.sub(k) {
			bb[0], bb[1] = math.Min(bb[0], q.x), math.Min(bb[1], q.y)
			bb[2], bb[3] = math.Max(bb[2], q.x), math.Max(bb[3], q.y)
		}
		p.boxes = append(p.boxes, bb)
	}
	if full.Dx() <= chunkPx && full.Dy() <= chunkPx {
		p.rasterChunk(s, full, r)
		return r
	}
	fd := func(v int) int { return int(math.Floor(float64(v)/chunkPx)) * chunkPx }
	for cy := fd(r.Min.Y); cy < r.Max.Y; cy += chunkPx {
		for cx := fd(r.Min.X); cx < r.Max.X; cx += chunkPx {
			cell := image.Rect(cx, cy, cx+chunkPx, cy+chunkPx)
			p.rasterChunk(s, cell, cell.Intersect(r))
		}
	}
	return r
}

// resizeAlpha makes m a w×h image at the origin, reusing its pixel
// memory when it is large enough (the painter is pooled, so its masks
// are reused across shapes). The pixels are left as they were.
func resizeAlpha(m *image.Alpha, w, h int) {
	if n := w * h; cap(m.Pix) < n {
		m.Pix = make([]uint8, n)
	} else {
		m.Pix = m.Pix[:n]
	}
	m.Stride = w
	m.Rect = image.Rect(0, 0, w, h)
}

// rasterChunk rasterises the part of s inside area (in dst pixels) and
// copies the coverage of its sub-rectangle want into p.mask.
func (p *painter) rasterChunk(s *shape, area, want image.Rectangle) {
	if want.Empty() {
		return
	}
	w, h := area.Dx(), area.Dy()
	ox, oy := float64(area.Min.X), float64(area.Min.Y)
	// Sub-paths reaching far outside the area are clipped to a box just
	// around it first: the rasterizer works in float32 and fixed point,
	// and a vertex millions of pixels away (a deep zoom, a broken marker
	// radius) would lose precision or overflow. Clipping a polygon to a
	// rectangle is exact for filling, so what shows inside does not change.
	box := [4]float64{ox - 2, oy - 2, float64(area.Max.X) + 2, float64(area.Max.Y) + 2}
	p.z.Reset(w, h)
	p.z.DrawOp = draw.Src
	any := false
	for k := range s.starts {
		bb := p.boxes[k]
		if bb[2] < box[0] || bb[0] > box[2] || bb[3] < box[1] || bb[1] > box[3] {
			continue
		}
		sub := s.sub(k)
		if bb[0] < box[0] || bb[1] < box[1] || bb[2] > box[2] || bb[3] > box[3] {
			p.clipA, p.clipB = clipToBox(sub, box, p.clipA[:0], p.clipB[:0])
			sub = p.clipA
			if len(sub) < 3 {
				continue
			}
		}
		any = true
		p.z.MoveTo(float32(sub[0].x-ox), float32(sub[0].y-oy))
		for _, q := range sub[1:] {
			p.z.LineTo(float32(q.x-ox), float32(q.y-oy))
		}
		p.z.ClosePath()
	}
	mw := p.mask.Stride
	mr := p.maskOrigin
	if !any {
		for y := want.Min.Y; y < want.Max.Y; y++ {
			clear(p.mask.Pix[(y-mr.Y)*mw+want.Min.X-mr.X:][:want.Dx()])
		}
		return
	}
	resizeAlpha(&p.chunk, w, h)
	p.z.Draw(&p.chunk, p.chunk.Rect, image.Opaque, image.Point{})
	for y := want.Min.Y; y < want.Max.Y; y++ {
		src := p.chunk.Pix[(y-area.Min.Y)*w+want.Min.X-area.Min.X:][:want.Dx()]
		copy(p.mask.Pix[(y-mr.Y)*mw+want.Min.X-mr.X:], src)
	}
}

// fill composites c over dst wherever s covers, in sRGB, and resets s.
func (p *painter) fill(s *shape, c color.RGBA) {
	r := p.rasterize(s)
	s.reset()
	if r.Empty() || c.A == 0 {
		return
	}
	w := r.Dx()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		mrow := p.mask.Pix[(y-r.Min.Y)*w:][:w]
		drow := p.dst.Pix[p.dst.PixOffset(r.Min.X, y):]
		for x, m := range mrow {
			if m != 0 {
				blendSRGB(drow[x*4:], c, uint32(m)*257)
			}
		}
	}
}

// fillFunc is fill with a colour and coverage chosen per pixel: fn gets
// the dst pixel and the shape's coverage (0..255) and returns the colour and
// the coverage to use.
func (p *painter) fillFunc(s *shape, fn func(x, y int, m uint8) (color.RGBA, uint32)) {
	r := p.rasterize(s)
	s.reset()
	if r.Empty() {
		return
	}
	w := r.Dx()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		mrow := p.mask.Pix[(y-r.Min.Y)*w:][:w]
		drow := p.dst.Pix[p.dst.PixOffset(r.Min.X, y):]
		for x, m := range mrow {
			if m == 0 {
				continue
			}
			c, a := fn(r.Min.X+x, y, m)
			if a != 0 && c.A != 0 {
				blendSRGB(drow[x*4:], c, a)
			}
		}
	}
}

// inside reports whether every point of sub lies in box (minX, minY, maxX,
// maxY).
func inside(sub []pt, box [4]float64) bool {
	for _, q := range sub {
		if !(q.x >= box[0] && q.x <= box[2] && q.y >= box[1] && q.y <= box[3]) {
			return false
		}
	}
	return true
}

// clipToBox clips the closed polygon sub to box with Sutherland–Hodgman,
// one edge of the box at a time, using a and b as scratch; the result is
// in the first slice returned. Orientation is kept.
func clipToBox(sub []pt, box [4]float64, a, b []pt) ([]pt, []pt) {
	a = append(a, sub...)
	for edge := range 4 {
		b = b[:0]
		in := func(q pt) bool {
			switch edge {
			case 0:
				return q.x >= box[0]
			case 1:
				return q.y >= box[1]
			case 2:
				return q.x <= box[2]
			}
			return q.y <= box[3]
		}
		cross := func(p, q pt) pt {
			var t float64
			switch edge {
			case 0:
				t = (box[0] - p.x) / (q.x - p.x)
			case 1:
				t = (box[1] - p.y) / (q.y - p.y)
			case 2:
				t = (box[2] - p.x) / (q.x - p.x)
			default:
				t = (box[3] - p.y) / (q.y - p.y)
			}
			c := pt{p.x + (q.x-p.x)*t, p.y + (q.y-p.y)*t}
			// Pin the clipped coordinate exactly onto the box edge.
			switch edge {
			case 0:
				c.x = box[0]
			case 1:
				c.y = box[1]
			case 2:
				c.x = box[2]
			default:
				c.y = box[3]
			}
			return c
		}
		for i, q := range a {
			prev := a[(i+len(a)-1)%len(a)]
			qin, pin := in(q), in(prev)
			switch {
			case qin && pin:
				b = append(b, q)
			case qin && !pin:
				b = append(b, cross(prev, q), q)
			case !qin && pin:
				b = append(b, cross(prev, q))
			}
		}
		a, b = b, a
		if len(a) == 0 {
			break
		}
	}
	return a, b
}
