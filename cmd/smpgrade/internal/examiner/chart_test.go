package examiner

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
)

// What the examiner knows of a template: exactly what "smpgrade templates
// --json" prints (README, "Scalp templates" and "How the chart maps to the
// head"), nothing more.

// xy is a point on the chart, in chart mm (+x the client's right, +y toward
// the nape).
type xy = [2]float64

// templateJSON is one entry of "smpgrade templates --json".
type templateJSON struct {
	ID   string `json:"id"`
	Head struct {
		Projection string  `json:"projection"`
		Centre     string  `json:"centre"`
		RadiusMM   float64 `json:"radius_mm"`
		Aspect     float64 `json:"aspect"`
	} `json:"head"`
	Outline []xy `json:"outline"`
	Zones   []struct {
		ID      string `json:"id"`
		Kind    string `json:"kind"`
		Polygon []xy   `json:"polygon"`
		Treated bool   `json:"treated"`
		Targets []struct {
			Session int     `json:"session"`
			Min     float64 `json:"min_per_cm2"`
			Max     float64 `json:"max_per_cm2"`
		} `json:"targets"`
	} `json:"zones"`
	Hair []struct {
		ID      string  `json:"id"`
		Density float64 `json:"density_per_cm2"`
		Polygon []xy    `json:"polygon"`
	} `json:"hair"`
	Scars []struct {
		ID      string `json:"id"`
		Kind    string `json:"kind"`
		Polygon []xy   `json:"polygon"`
	} `json:"scars"`
	Design    []xy `json:"design_hairline"`
	Landmarks struct {
		Glabella xy `json:"glabella"`
	} `json:"landmarks"`
}

// vec3 is a point of the model head, mm from its centre.
type vec3 [3]float64

func (a vec3) dist(b vec3) float64 {
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}

// projection maps chart mm onto the model head, as the README documents
// it: ρ = 2R·sin(θ/2), x = ρ·sin φ / a, y = −ρ·cos φ · a, and the skin
// point (R sin θ sin φ, −R sin θ cos φ, R cos θ); a flat field's chart is
// its skin.
type projection struct {
	flat      bool
	r, aspect float64
}

// skin returns the skin point of chart point p.
func (pr projection) skin(p xy) vec3 {
	if pr.flat {
		return vec3{p[0], p[1], 0}
	}
	u, w := p[0]*pr.aspect, p[1]/pr.aspect
	rho := math.Hypot(u, w)
	theta := 2 * math.Asin(math.Min(1, rho/(2*pr.r)))
	phi := math.Atan2(u, -w)
	return vec3{pr.r * math.Sin(theta) * math.Sin(phi), -pr.r * math.Sin(theta) * math.Cos(phi), pr.r * math.Cos(theta)}
}

// chart returns the chart point of skin point v (any length: its direction
// from the head's centre is what counts), by the README's inverse
// formulas: θ, φ from v, then ρ = 2R·sin(θ/2), x = ρ·sin φ / a,
// y = −ρ·cos φ · a. A flat field's skin is its chart.
func (pr projection) chart(v vec3) xy {
	if pr.flat {
		return xy{v[0], v[1]}
	}
	l := math.Sqrt(v[0]*v[0] + v[1]*v[1] + v[2]*v[2])
	theta := math.Acos(math.Max(-1, math.Min(1, v[2]/l)))
	phi := math.Atan2(v[0], -v[1])
	rho := 2 * pr.r * math.Sin(theta/2)
	return xy{rho * math.Sin(phi) / pr.aspect, -rho * math.Cos(phi) * pr.aspect}
}

// skinDist is the distance between two chart points on the skin: the
// great-circle distance on the model sphere (the chord for a flat field).
func (pr projection) skinDist(a, b xy) float64 {
	c := pr.skin(a).dist(pr.skin(b))
	if pr.flat {
		return c
	}
	return 2 * pr.r * math.Asin(math.Min(1, c/(2*pr.r)))
}

// polygon is a simple closed ring in chart mm.
type polygon []xy

// contains is the even–odd rule.
func (pg polygon) contains(p xy) bool {
	in := false
	for i, j := 0, len(pg)-1; i < len(pg); j, i = i, i+1 {
		a, b := pg[i], pg[j]
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < a[0]+(p[1]-a[1])*(b[0]-a[0])/(b[1]-a[1]) {
			in = !in
		}
	}
	return in
}

// area in chart mm² (= skin mm²: the chart keeps areas).
func (pg polygon) area() float64 {
	s := 0.0
	for i, j := 0, len(pg)-1; i < len(pg); j, i = i, i+1 {
		s += pg[j][0]*pg[i][1] - pg[i][0]*pg[j][1]
	}
	return math.Abs(s) / 2
}

// zoneInfo is a zone as the examiner uses it.
type zoneInfo struct {
	id, kind string
	poly     polygon
	treated  bool
	band     [4][2]float64 // per session 1–3: min, max per cm²
}

// mid is the middle of the zone's band for session s, per cm².
func (z *zoneInfo) mid(s int) float64 { return (z.band[s][0] + z.band[s][1]) / 2 }

// chart is a template, parsed, with a raster that finds the zone under a
// point quickly (exact polygon tests near the zones' borders).
type chart struct {
	id    string
	proj  projection
	zones []zoneInfo
	hair  []polygon
	// hairDensity is each hair region's stubble density, per cm².
	hairDensity []float64
	scars       []polygon
	scarKind    []string
	design      []xy
	glabella    xy

	min, max xy      // bounding box of the outline
	cell     float64 // raster cell, mm
	nx, ny   int
	zoneAt   []int8 // zone index + 1 at each cell centre, 0 off every zone; -1 near a border

	frame *lineFrame // the design line's frame, made on first use
}

// newChart parses one template.
func newChart(t templateJSON) (*chart, error) {
	if t.Head.RadiusMM <= 0 || len(t.Outline) < 3 || len(t.Zones) == 0 {
		return nil, fmt.Errorf("template %s: incomplete geometry", t.ID)
	}
	c := &chart{id: t.ID, design: t.Design, glabella: t.Landmarks.Glabella}
	switch t.Head.Projection {
	case "flat":
		c.proj = projection{flat: true}
	case "lambert-azimuthal-equal-area":
		if t.Head.Centre != "apex" || t.Head.Aspect <= 0 {
			return nil, fmt.Errorf("template %s: projection centred on %q with aspect %g", t.ID, t.Head.Centre, t.Head.Aspect)
		}
		c.proj = projection{r: t.Head.RadiusMM, aspect: t.Head.Aspect}
	default:
		return nil, fmt.Errorf("template %s: unknown projection %q", t.ID, t.Head.Projection)
	}
	for _, z := range t.Zones {
		zi := zoneInfo{id: z.ID, kind: z.Kind, poly: z.Polygon, treated: z.Treated}
		for _, tg := range z.Targets {
			if tg.Session >= 1 && tg.Session <= 3 {
				zi.band[tg.Session] = [2]float64{tg.Min, tg.Max}
			}
		}
		c.zones = append(c.zones, zi)
	}
	for _, h := range t.Hair {
		c.hair = append(c.hair, h.Polygon)
		c.hairDensity = append(c.hairDensity, h.Density)
	}
	for _, s := range t.Scars {
		c.scars = append(c.scars, s.Polygon)
		c.scarKind = append(c.scarKind, s.Kind)
	}
	c.min, c.max = xy{math.Inf(1), math.Inf(1)}, xy{math.Inf(-1), math.Inf(-1)}
	for _, z := range c.zones {
		for _, p := range z.poly {
			c.min = xy{math.Min(c.min[0], p[0]), math.Min(c.min[1], p[1])}
			c.max = xy{math.Max(c.max[0], p[0]), math.Max(c.max[1], p[1])}
		}
	}
	c.cell = 0.5
	c.nx = int(math.Ceil((c.max[0]-c.min[0])/c.cell)) + 1
	c.ny = int(math.Ceil((c.max[1]-c.min[1])/c.cell)) + 1
	c.zoneAt = make([]int8, c.nx*c.ny)
	for zi, z := range c.zones {
		c.fill(z.poly, int8(zi+1))
	}
	// Cells whose neighbours disagree are near a border: look those up
	// exactly.
	near := make([]bool, len(c.zoneAt))
	for j := 0; j < c.ny; j++ {
		for i := 0; i < c.nx; i++ {
			v := c.zoneAt[j*c.nx+i]
			for dj := -1; dj <= 1; dj++ {
				for di := -1; di <= 1; di++ {
					ii, jj := i+di, j+dj
					if ii < 0 || jj < 0 || ii >= c.nx || jj >= c.ny || c.zoneAt[jj*c.nx+ii] != v {
						near[j*c.nx+i] = true
					}
				}
			}
		}
	}
	for k, n := range near {
		if n {
			c.zoneAt[k] = -1
		}
	}
	return c, nil
}

// fill marks the cells whose centres lie inside pg (scanlines).
func (c *chart) fill(pg polygon, v int8) {
	var xs []float64
	for j := 0; j < c.ny; j++ {
		y := c.min[1] + (float64(j)+0.5)*c.cell
		xs = xs[:0]
		for i, k := 0, len(pg)-1; i < len(pg); k, i = i, i+1 {
			a, b := pg[i], pg[k]
			if (a[1] > y) != (b[1] > y) {
				xs = append(xs, a[0]+(y-a[1])*(b[0]-a[0])/(b[1]-a[1]))
			}
		}
		sort.Float64s(xs)
		for m := 0; m+1 < len(xs); m += 2 {
			i0 := int(math.Ceil((xs[m]-c.min[0])/c.cell - 0.5))
			i1 := int(math.Floor((xs[m+1]-c.min[0])/c.cell - 0.5))
			for i := max(i0, 0); i <= i1 && i < c.nx; i++ {
				c.zoneAt[j*c.nx+i] = v
			}
		}
	}
}

// zone returns the zone under p, or nil off every zone.
func (c *chart) zone(p xy) *zoneInfo {
	i := int((p[0] - c.min[0]) / c.cell)
	j := int((p[1] - c.min[1]) / c.cell)
	if i < 0 || j < 0 || i >= c.nx || j >= c.ny {
		return nil
	}
	switch v := c.zoneAt[j*c.nx+i]; {
	case v > 0:
		return &c.zones[v-1]
	case v == 0:
		return nil
	}
	for k := range c.zones {
		if c.zones[k].poly.contains(p) {
			return &c.zones[k]
		}
	}
	return nil
}

// cellCentre is the centre of raster cell (i, j).
func (c *chart) cellCentre(i, j int) xy {
	return xy{c.min[0] + (float64(i)+0.5)*c.cell, c.min[1] + (float64(j)+0.5)*c.cell}
}

// hasHairline reports whether the template has a design line and a treated
// transition zone this session: the work then includes a hairline.
func (c *chart) hasHairline(s int) bool {
	if len(c.design) < 2 {
		return false
	}
	for _, z := range c.zones {
		if z.kind == "transition" && z.treated && z.band[s][1] > 0 {
			return true
		}
	}
	return false
}

// lineFrame measures points against the design hairline on the skin: the
// signed distance behind it (positive toward the nape) and the arc length
// along it, both in skin mm.
type lineFrame struct {
	pts  []xy
	sk   []vec3
	s    []float64 // arc length at each vertex, skin mm
	sign float64   // +1 when "behind" is the left of the polyline's direction on the chart
	proj projection
	// grid caches at() at the chart raster's cell corners (NaN: not yet),
	// which near() interpolates: the samplers ask for millions of points.
	c    *chart
	grid [][2]float32
}

func newLineFrame(c *chart) *lineFrame {
	f := &lineFrame{pts: c.design, proj: c.proj, c: c}
	for i, p := range c.design {
		f.sk = append(f.sk, c.proj.skin(p))
		if i == 0 {
			f.s = append(f.s, 0)
		} else {
			f.s = append(f.s, f.s[i-1]+f.sk[i].dist(f.sk[i-1]))
		}
	}
	// The line's middle vertex: a point 1 mm toward the nape is behind.
	m := len(c.design) / 2
	f.sign = 1
	if _, d := f.at(xy{c.design[m][0], c.design[m][1] + 1}); d < 0 {
		f.sign = -1
	}
	return f
}

// near is at() interpolated bilinearly between the raster's cell corners
// (0.5 mm apart; the distance and the arc length are smooth there, so the
// error is far below a dot's size near the line).
func (f *lineFrame) near(p xy) (s, d float64) {
	c := f.c
	gx, gy := (p[0]-c.min[0])/c.cell, (p[1]-c.min[1])/c.cell
	i, j := int(math.Floor(gx)), int(math.Floor(gy))
	if i < 0 || j < 0 || i >= c.nx || j >= c.ny {
		return f.at(p)
	}
	if f.grid == nil {
		f.grid = make([][2]float32, (c.nx+1)*(c.ny+1))
		for k := range f.grid {
			f.grid[k] = [2]float32{float32(math.NaN()), 0}
		}
	}
	corner := func(ii, jj int) [2]float32 {
		k := jj*(c.nx+1) + ii
		if math.IsNaN(float64(f.grid[k][0])) {
			a, b := f.at(xy{c.min[0] + float64(ii)*c.cell, c.min[1] + float64(jj)*c.cell})
			f.grid[k] = [2]float32{float32(a), float32(b)}
		}
		return f.grid[k]
	}
	tx, ty := gx-float64(i), gy-float64(j)
	v00, v10, v01, v11 := corner(i, j), corner(i+1, j), corner(i, j+1), corner(i+1, j+1)
	lerp := func(k int) float64 {
		a := float64(v00[k])*(1-tx) + float64(v10[k])*tx
		b := float64(v01[k])*(1-tx) + float64(v11[k])*tx
		return a*(1-ty) + b*ty
	}
	return lerp(0), lerp(1)
}

// length is the line's length on the skin, mm.
func (f *lineFrame) length() float64 { return f.s[len(f.s)-1] }

// at returns the arc length of the nearest point of the line and the signed
// skin distance of p behind the line (negative ahead of it, toward the face).
func (f *lineFrame) at(p xy) (s, d float64) {
	ps := f.proj.skin(p)
	best := math.Inf(1)
	for i := 1; i < len(f.sk); i++ {
		a, b := f.sk[i-1], f.sk[i]
		ab := vec3{b[0] - a[0], b[1] - a[1], b[2] - a[2]}
		ap := vec3{ps[0] - a[0], ps[1] - a[1], ps[2] - a[2]}
		l2 := ab[0]*ab[0] + ab[1]*ab[1] + ab[2]*ab[2]
		t := 0.0
		if l2 > 0 {
			t = math.Max(0, math.Min(1, (ap[0]*ab[0]+ap[1]*ab[1]+ap[2]*ab[2])/l2))
		}
		q := vec3{a[0] + t*ab[0], a[1] + t*ab[1], a[2] + t*ab[2]}
		if dd := q.dist(ps); dd < best {
			best = dd
			s = f.s[i-1] + t*(f.s[i]-f.s[i-1])
			// Side from the chart (the projection keeps orientation).
			ca, cb := f.pts[i-1], f.pts[i]
			cross := (cb[0]-ca[0])*(p[1]-ca[1]) - (cb[1]-ca[1])*(p[0]-ca[0])
			d = dd
			if cross*f.sign < 0 {
				d = -dd
			}
		}
	}
	return s, d
}

// parseTemplates reads "smpgrade templates --json".
func parseTemplates(data []byte) (map[string]*chart, []string, error) {
	var ts []templateJSON
	if err := json.Unmarshal(data, &ts); err != nil {
		return nil, nil, err
	}
	out := map[string]*chart{}
	var ids []string
	for _, t := range ts {
		c, err := newChart(t)
		if err != nil {
			return nil, nil, err
		}
		out[t.ID] = c
		ids = append(ids, t.ID)
	}
	return out, ids, nil
}
