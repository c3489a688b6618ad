package render

import (
	"image"
	"image/color"
	"image/draw"
	"math"

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
// all in pixels, starting with a dash at the first point.
func (s *shape) dashed(pts []pt, hw, on, off float64) {
	if len(pts) < 2 || on <= 0 || off < 0 {
		return
	}
	var dash []pt
	pos, inDash := 0.0, true // pos: distance into the current dash or gap
	dash = append(dash, pts[0])
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		l := math.Hypot(b.x-a.x, b.y-a.y)
		t := 0.0
		for t < l {
			run := on
			if !inDash {
				run = off
			}
			step := math.Min(run-pos, l-t)
			t += step
			pos += step
			q := pt{a.x + (b.x-a.x)*t/l, a.y + (b.y-a.y)*t/l}
			if inDash {
				dash = append(dash, q)
			}
			if pos >= run {
				if inDash {
					s.stroke(dash, hw, false)
					dash = dash[:0]
				} else {
					dash = append(dash[:0], q)
				}
				inDash, pos = !inDash, 0
			}
		}
	}
	if inDash && len(dash) > 1 {
		s.stroke(dash, hw, false)
	}
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
}

func newPainter(dst *image.RGBA, v View, lineScale float64) *painter {
	if !(lineScale > 0) || math.IsInf(lineScale, 0) {
		lineScale = 1
	}
	p := &painter{dst: dst, v: v, ls: lineScale}
	p.s.reset()
	return p
}

// rasterize turns s into a coverage mask over r, the part of dst.Bounds()
// the shape can touch. It returns an empty r when there is nothing to draw.
// The mask's pixel (x, y) is at dst pixel r.Min + (x, y).
func (p *painter) rasterize(s *shape) (r image.Rectangle) {
	if s.empty() {
		return image.Rectangle{}
	}
	// Clamp before converting: a vertex far off-screen must not overflow int.
	const far = 1 << 24
	r = image.Rect(
		int(math.Floor(math.Max(s.minX, -far))), int(math.Floor(math.Max(s.minY, -far))),
		int(math.Ceil(math.Min(s.maxX, far)))+1, int(math.Ceil(math.Min(s.maxY, far)))+1,
	).Intersect(p.dst.Bounds())
	if r.Empty() {
		return image.Rectangle{}
	}
	w, h := r.Dx(), r.Dy()
	p.z.Reset(w, h)
	p.z.DrawOp = draw.Src
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	for k, st := range s.starts {
		en := len(s.pts)
		if k+1 < len(s.starts) {
			en = s.starts[k+1]
		}
		sub := s.pts[st:en]
		p.z.MoveTo(float32(sub[0].x-ox), float32(sub[0].y-oy))
		for _, q := range sub[1:] {
			p.z.LineTo(float32(q.x-ox), float32(q.y-oy))
		}
		p.z.ClosePath()
	}
	if n := w * h; cap(p.mask.Pix) < n {
		p.mask.Pix = make([]uint8, n)
	} else {
		p.mask.Pix = p.mask.Pix[:n]
	}
	p.mask.Stride = w
	p.mask.Rect = image.Rect(0, 0, w, h)
	p.z.Draw(&p.mask, p.mask.Rect, image.Opaque, image.Point{})
	return r
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
