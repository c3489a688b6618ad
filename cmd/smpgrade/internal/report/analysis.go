package report

import (
	"math"
	"sort"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/spatial"
)

// Hairline profile model (domain.md §5): density is measured in bands of
// profileBinMM by signed distance behind the design hairline, from
// profileFrontMM in front of it (the forehead, where a too-low line shows)
// to profileBackMM behind it (past the 5–10 mm ramp into full density).
const (
	profileBinMM   = 2.0   // bin width, mm (model: fine enough for a 5–10 mm ramp, wide enough for a sparse session 1)
	profileFrontMM = -10.0 // first bin edge, mm behind the line (negative: in front)
	profileBackMM  = 25.0  // last bin edge: the 2–4 cm hairline band of §5 starts here
	profileStepMM  = 0.5   // arc-length step for measuring each bin's area, mm (model)
	fullDepthMM    = 15.0  // where the full target is read: 10–20 mm behind, as sim/score does (model)
)

// Model ramp, domain.md §5 (model): 20–30% of the target at the leading
// edge, full target 5–10 mm behind it.
const (
	rampEdgeLo, rampEdgeHi = 0.20, 0.30
	rampFullNear           = 5.0  // mm: the steep end of the band reaches full here
	rampFullFar            = 10.0 // mm: the gentle end reaches full here
)

// nnDistances returns every finite impression's distance to its nearest
// other impression, in mm, sorted ascending.
func nnDistances(ims []impression.Impression, areaMM2 float64) []float64 {
	pts := make([]geom.Point, 0, len(ims))
	for _, im := range ims {
		if im.Pos.IsFinite() {
			pts = append(pts, im.Pos)
		}
	}
	if len(pts) < 2 {
		return nil
	}
	// A cell about one mean spacing wide keeps each query to a few cells.
	cell := 1.0
	if areaMM2 > 0 {
		cell = math.Sqrt(areaMM2 / float64(len(pts)))
	}
	cell = math.Max(0.5, math.Min(cell, 10))
	g := spatial.NewGrid(pts, cell)
	d := make([]float64, 0, len(pts))
	for i := range pts {
		if j, r := g.Nearest(i); j >= 0 && !math.IsNaN(r) && !math.IsInf(r, 0) {
			d = append(d, r)
		}
	}
	sort.Float64s(d)
	return d
}

// ecdf returns the empirical G(r): the share of sorted values ≤ r.
func ecdf(sorted []float64, r float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	return float64(sort.Search(len(sorted), func(i int) bool { return sorted[i] > r })) / float64(len(sorted))
}

// csrG is the nearest-neighbour distribution of complete spatial
// randomness at intensity lambda per mm² (domain.md §4):
// G(r) = 1 − exp(−λπr²).
func csrG(lambda, r float64) float64 {
	return 1 - math.Exp(-lambda*math.Pi*r*r)
}

// quantile returns the q-quantile of sorted values (nearest rank).
func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	i := int(math.Ceil(q*float64(len(sorted)))) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// hairGeom is a template's design hairline prepared for profiles: the
// segments, their normals toward the apex, and each profile bin's area.
type hairGeom struct {
	line    geom.Polyline
	normals []geom.Point // per segment, unit, pointing into the hair
	box     geom.Rect
	binArea []float64 // mm² per bin (the part of the band on the scalp, off the temples)
	full    float64   // the session's full target density behind the line, per cm²
}

// bins returns the number of profile bins.
func bins() int { return int(math.Round((profileBackMM - profileFrontMM) / profileBinMM)) }

// binCentre returns the distance behind the line of bin k's centre, mm.
func binCentre(k int) float64 { return profileFrontMM + (float64(k)+0.5)*profileBinMM }

// newHairGeom prepares t's design hairline for session sessionNo, or
// returns nil when the template has none.
func newHairGeom(t *scalp.Template, sessionNo int) *hairGeom {
	line := t.DesignHairline
	if len(line) < 2 {
		return nil
	}
	h := &hairGeom{line: line, binArea: make([]float64, bins())}
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		d := b.Sub(a)
		l := math.Hypot(d.X, d.Y)
		n := geom.Pt(0, 1)
		if l > 0 {
			n = geom.Pt(-d.Y/l, d.X/l)
		}
		mid := a.Add(d.Mul(0.5))
		// Into the hair is toward the apex, the chart origin (sim/geom).
		if n.X*(0-mid.X)+n.Y*(0-mid.Y) < 0 {
			n = n.Mul(-1)
		}
		h.normals = append(h.normals, n)
	}
	h.box = geom.Polygon(line).Bounds().Inset(-math.Max(-profileFrontMM, profileBackMM) - 1)
	// Each bin's area: walk the line, and at every step count the bin's
	// strip where it lies on the scalp and off the temples, the same places
	// a dot is counted.
	var fullSum float64
	var fullN int
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		l := a.Dist(b)
		n := h.normals[i-1]
		for s := profileStepMM / 2; s < l; s += profileStepMM {
			foot := a.Add(b.Sub(a).Mul(s / l))
			step := math.Min(profileStepMM, l-s+profileStepMM/2)
			for k := range h.binArea {
				p := foot.Add(n.Mul(binCentre(k)))
				if counted(t, p) {
					h.binArea[k] += step * profileBinMM
				}
			}
			p := foot.Add(n.Mul(fullDepthMM))
			if z := t.ZoneAt(p); z != nil && z.Kind != scalp.Temple && z.Treated() {
				fullSum += z.Target(sessionNo).Mid()
				fullN++
			}
		}
	}
	if fullN > 0 {
		h.full = fullSum / float64(fullN)
	}
	return h
}

// counted reports whether a dot at p counts in the hairline profile: on
// the scalp and not in a temple, which is kept open and graded apart.
func counted(t *scalp.Template, p geom.Point) bool {
	if !t.Outline.Contains(p) {
		return false
	}
	z := t.ZoneAt(p)
	return z == nil || z.Kind != scalp.Temple
}

// behind returns p's signed distance behind the line (positive into the
// hair) and false when its nearest point is an end of the line, where
// "behind" has no meaning.
func (h *hairGeom) behind(p geom.Point) (float64, bool) {
	best := math.Inf(1)
	var u float64
	end := false
	for i := 1; i < len(h.line); i++ {
		a, b := h.line[i-1], h.line[i]
		ab := b.Sub(a)
		l2 := ab.X*ab.X + ab.Y*ab.Y
		t := 0.0
		if l2 > 0 {
			t = ((p.X-a.X)*ab.X + (p.Y-a.Y)*ab.Y) / l2
		}
		atEnd := (i == 1 && t < 0) || (i == len(h.line)-1 && t > 1)
		t = math.Max(0, math.Min(1, t))
		f := a.Add(ab.Mul(t))
		if d := f.Dist2(p); d < best {
			best = d
			n := h.normals[i-1]
			u = (p.X-f.X)*n.X + (p.Y-f.Y)*n.Y
			end = atEnd
		}
	}
	return u, !end
}

// profile returns the density of ims per cm² in each bin behind the line.
// Bins with no area on the scalp are NaN.
func (h *hairGeom) profile(t *scalp.Template, ims []impression.Impression) []float64 {
	count := make([]float64, len(h.binArea))
	for _, im := range ims {
		p := im.Pos
		if !p.IsFinite() || !h.box.Contains(p) || !counted(t, p) {
			continue
		}
		u, ok := h.behind(p)
		if !ok || u < profileFrontMM || u >= profileBackMM {
			continue
		}
		count[min(int((u-profileFrontMM)/profileBinMM), len(count)-1)]++
	}
	out := make([]float64, len(count))
	for k := range count {
		// Bins with under a square centimetre of strip are too small to
		// estimate a density from (model).
		if h.binArea[k] < 100 {
			out[k] = math.NaN()
			continue
		}
		out[k] = count[k] / h.binArea[k] * 100 // per mm² → per cm²
	}
	return out
}

// rampBand returns the model ramp's band at u mm behind the line as a
// fraction of the full target (domain.md §5): nothing belongs in front of
// the line, 20–30% at the edge, full between 5 and 10 mm behind.
func rampBand(u float64) (lo, hi float64) {
	if u < 0 {
		return 0, 0
	}
	lo = math.Min(1, rampEdgeLo+(1-rampEdgeLo)*u/rampFullFar)
	hi = math.Min(1, rampEdgeHi+(1-rampEdgeHi)*u/rampFullNear)
	return lo, hi
}
