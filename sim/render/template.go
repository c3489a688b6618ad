package render

import (
	"hash/fnv"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"sync"

	"github.com/lucasb-eyer/go-colorful"

	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// The template's palette. These are presentation choices, not facts about
// skin: every one is a *model assumption* of how the chart should look.
var (
	// Background is the neutral dark grey outside the outline: dark enough
	// that the skin reads as the subject, neutral so it does not tint the
	// eye's judgement of shade.
	Background = color.RGBA{0x2d, 0x2f, 0x31, 0xff}
	// defaultSkin is used when a template's skin colour does not parse:
	// Monk MST-03 (domain.md §7).
	defaultSkin = colorful.Color{R: 0xf7 / 255.0, G: 0xea / 255.0, B: 0xd0 / 255.0}
	// defaultHair is used when neither a hair region nor the template gives
	// a stubble colour that parses: a dark brown.
	defaultHair = colorful.Color{R: 0x3b / 255.0, G: 0x2f / 255.0, B: 0x2a / 255.0}
	// scarPale is the hypopigmented tone scar tissue tends toward.
	scarPale = colorful.Color{R: 0xf4 / 255.0, G: 0xe4 / 255.0, B: 0xe0 / 255.0}
	// scarRim is the pinker tone at a scar's edge.
	scarRim = colorful.Color{R: 0xc4 / 255.0, G: 0x8a / 255.0, B: 0x82 / 255.0}
)

// Model assumptions of the template drawing.
const (
	// scarPaleMix is how far scar tissue moves from the skin toward
	// scarPale (in CIELAB): clearly paler, still the client's skin.
	scarPaleMix = 0.5
	// scarShine is the strongest highlight at a scar's ridge, as a blend
	// toward white: the "slightly shiny" look of scar tissue.
	scarShine = 0.35
	// rimDarken darkens pale skin for the outline's rim line, and
	// rimLighten lightens skin darker than darkSkinL (CIELAB L*, 0..1).
	rimDarken  = 0.3
	rimLighten = 0.3
	darkSkinL  = 0.4
	// stubbleMinMM and stubbleMaxMM bound a stubble dot's diameter: hair
	// scale, around appearance.HairMarkMM, inside the 67–120 µm scalp
	// hairs measure (domain.md §2), so the chart shows the stubble the
	// colour criterion compares the work with.
	stubbleMinMM = 0.08
	stubbleMaxMM = 0.12
	// maxStubblePerCM2 caps the drawn stubble density at the top of the
	// natural hair count, 300 hairs/cm² (domain.md §3), so a broken
	// template cannot ask for millions of dots.
	maxStubblePerCM2 = 300
	// stubbleStream is the PCG stream constant of the stubble layout; the
	// seed comes from the template and region ids.
	stubbleStream = 0x5354_5542_424c_4531 // "STUBBLE1"
)

// Template draws the template t into dst as seen through v: the background
// outside the outline, the skin inside it, and the layers o asks for. The
// result depends only on the arguments: stubble is laid out with a seed
// taken from the template and region ids, so it is the same on every call,
// at every zoom, and in every sub-rectangle.
func Template(dst *image.RGBA, t *scalp.Template, v View, o Options) {
	fillRect(dst, dst.Bounds(), Background)
	if t == nil || !v.Valid() || len(t.Outline) < 3 {
		return
	}
	p := newPainter(dst, v, o.LineScale)
	defer p.release()
	skin := hexOr(t.Skin, defaultSkin)

	p.s.polygon(t.Outline, v)
	p.fill(&p.s, rgba8(skin))

	if o.Zones {
		drawZoneTints(p, t)
	}
	if o.Scars {
		drawScars(p, t, skin)
	}
	if o.Hair {
		drawStubble(dst, t, v, skin)
	}
	if o.Zones {
		for _, z := range t.Zones {
			p.s.stroke(toPx(z.Polygon, v), 0.5*p.ls, true)
		}
		p.fillGuide(&p.s, guideZoneLine)
	}
	// The rim gives the head its edge against the background: darker
	// than pale skin, lighter than dark skin (which would otherwise melt
	// into the dark background).
	rim := mixLab(skin, colorful.Color{}, rimDarken)
	if l, _, _ := skin.Lab(); l < darkSkinL {
		rim = mixLab(skin, colorful.Color{R: 1, G: 1, B: 1}, rimLighten)
	}
	p.s.stroke(toPx(t.Outline, v), 0.6*p.ls, true)
	p.fill(&p.s, rgba8(rim))

	if o.Landmarks && t.Landmarks != nil {
		drawLandmarks(p, t.Landmarks)
	}
	if o.Hairline && len(t.DesignHairline) > 1 {
		// A light halo under the dashes keeps the line legible over
		// stubble and dots.
		pts := toPx(t.DesignHairline, v)
		p.dashed(pts, 1.8*p.ls, 10*p.ls, 6*p.ls)
		p.fillGuide(&p.s, guideHalo)
		p.dashed(pts, 1.1*p.ls, 10*p.ls, 6*p.ls)
		p.fillGuide(&p.s, guideHairline)
	}
}

// guide is an overlay colour in two variants: dark for light ground and
// light for dark ground. Each pixel picks the variant that contrasts with
// what is already under it, so a landmark line stays legible on pale skin,
// on dark skin and on the background outside the outline alike.
type guide struct{ dark, light color.RGBA }

// The guide colours.
var (
	guideZoneLine = guide{color.RGBA{0x2c, 0x36, 0x44, 0x80}, color.RGBA{0xe8, 0xee, 0xf4, 0x8c}}
	guideLandmark = guide{color.RGBA{0x2a, 0x4a, 0x6e, 0xb0}, color.RGBA{0xb8, 0xd4, 0xf0, 0xc0}}
	guideFaint    = guide{color.RGBA{0x2a, 0x4a, 0x6e, 0x70}, color.RGBA{0xb8, 0xd4, 0xf0, 0x80}}
	// The design hairline is gentian violet, the colour of the surgical
	// skin marker an instructor draws a hairline with; on dark ground a
	// light lavender.
	guideHairline = guide{color.RGBA{0x5e, 0x2b, 0x97, 0xff}, color.RGBA{0xd6, 0xb8, 0xff, 0xff}}
	guideHalo     = guide{color.RGBA{0xff, 0xff, 0xff, 0x78}, color.RGBA{0x10, 0x10, 0x18, 0x70}}
	guideNoGo     = guide{color.RGBA{0xb0, 0x2a, 0x22, 0x5c}, color.RGBA{0xff, 0x8a, 0x80, 0x70}}
)

// darkGroundLuma is the sRGB luma (0..255) below which a pixel counts as
// dark ground for the guides: mid-grey.
const darkGroundLuma = 118

// pick returns the variant of g for the ground colour at p.
func (g guide) pick(p []uint8) color.RGBA {
	// Rec. 709 luma weights in 16-bit fixed point.
	if (13933*uint32(p[0])+46871*uint32(p[1])+4732*uint32(p[2]))>>16 < darkGroundLuma {
		return g.light
	}
	return g.dark
}

// fillGuide fills s with the guide colour that contrasts with each pixel.
func (p *painter) fillGuide(s *shape, g guide) {
	p.fillFunc(s, func(x, y int, m uint8) (color.RGBA, uint32) {
		return g.pick(p.dst.Pix[p.dst.PixOffset(x, y):]), uint32(m) * 257
	})
}

// zoneTint is a zone kind's faint fill; zero alpha means none. Only the
// zones a trainee must treat differently get one (the soft transition band,
// the crown's whorl, an areata patch); the outlines separate the rest. The
// tints are faint so the skin tone, which the trainee judges shade against,
// still dominates.
func zoneTint(k scalp.ZoneKind) color.RGBA {
	switch k {
	case scalp.Transition:
		return color.RGBA{0xe6, 0x9f, 0x00, 0x1c}
	case scalp.Crown:
		return color.RGBA{0x00, 0x9e, 0x73, 0x0c}
	case scalp.Patch:
		return color.RGBA{0xe6, 0x9f, 0x00, 0x16}
	}
	return color.RGBA{}
}

// isNoGo reports whether a zone must stay empty: the forehead and temples
// (domain.md §5), or any zone whose targets are all zero.
func isNoGo(z scalp.Zone) bool {
	return z.Kind == scalp.Forehead || z.Kind == scalp.Temple || !z.Treated()
}

// hatchSpacingPx is the spacing of the no-go hatching, before LineScale.
const hatchSpacingPx = 7

func drawZoneTints(p *painter, t *scalp.Template) {
	for _, z := range t.Zones {
		switch {
		case isNoGo(z) && (z.Kind == scalp.Forehead || z.Kind == scalp.Temple):
			// Diagonal hatching in global pixel coordinates, so it lines
			// up across zones and across sub-rectangle redraws.
			sp := int(math.Max(3, math.Round(hatchSpacingPx*p.ls)))
			lw := max(1, int(math.Round(p.ls)))
			p.s.polygon(z.Polygon, p.v)
			p.fillFunc(&p.s, func(x, y int, m uint8) (color.RGBA, uint32) {
				c := guideNoGo.pick(p.dst.Pix[p.dst.PixOffset(x, y):])
				if ((x+y)%sp+sp)%sp >= lw {
					// Between the hatch lines, a faint wash of the same
					// colour.
					c.A /= 6
				}
				return c, uint32(m) * 257
			})
		default:
			if c := zoneTint(z.Kind); c.A != 0 {
				p.s.polygon(z.Polygon, p.v)
				p.fill(&p.s, c)
			}
		}
	}
}

func drawScars(p *painter, t *scalp.Template, skin colorful.Color) {
	base := mixLab(skin, scarPale, scarPaleMix)
	hi := rgba8(mixLab(base, colorful.Color{R: 1, G: 1, B: 1}, 1))
	baseC := rgba8(base)
	dist := p.dist[:0]
	defer func() { p.dist = dist[:0] }()
	for _, sc := range t.Scars {
		if len(sc.Polygon) < 3 {
			continue
		}
		p.s.polygon(sc.Polygon, p.v)
		r := p.rasterize(&p.s)
		p.s.reset()
		if r.Empty() {
			continue
		}
		// The shine is strongest along the scar's ridge, the points
		// farthest from its edge, so a strip scar gets a highlight along
		// its length and a punch scar a glint at its centre. The ridge
		// height is normalised by the polygon's own inradius, estimated
		// from the pixels drawn; a partial redraw estimates it the same
		// way as long as the ridge is inside the redrawn area.
		w := r.Dx()
		dist = dist[:0]
		peak := scarInradius(sc.Polygon)
		edges := toPx(sc.Polygon, p.v)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if p.mask.Pix[(y-r.Min.Y)*w+x-r.Min.X] == 0 {
					dist = append(dist, 0)
					continue
				}
				d := math.Sqrt(boundaryDist2(edges, float64(x)+0.5, float64(y)+0.5)) / p.v.PxPerMM
				dist = append(dist, d)
			}
		}
		for y := r.Min.Y; y < r.Max.Y; y++ {
			drow := p.dst.Pix[p.dst.PixOffset(r.Min.X, y):]
			for i := range w {
				m := p.mask.Pix[(y-r.Min.Y)*w+i]
				if m == 0 {
					continue
				}
				blendSRGB(drow[i*4:], baseC, uint32(m)*257)
				if peak > 0 {
					s := math.Min(1, dist[(y-r.Min.Y)*w+i]/peak)
					s = s * s * (3 - 2*s) // smoothstep: a soft ridge
					blendSRGB(drow[i*4:], hi, uint32(float64(m)*257*s*scarShine))
				}
			}
		}
		// A thin pinker rim where scar meets skin.
		p.s.stroke(toPx(sc.Polygon, p.v), 0.5*p.ls, true)
		p.fill(&p.s, withAlpha(rgba8(mixLab(skin, scarRim, 0.5)), 0.55))
	}
}

// boundaryDist2 returns the squared distance from (x, y) to the nearest
// edge of the closed polygon pg; a lean version of geom's BoundaryDist for
// the per-pixel scar shading.
func boundaryDist2(pg []pt, x, y float64) float64 {
	best := math.Inf(1)
	n := len(pg)
	for i := range n {
		a, b := pg[i], pg[(i+1)%n]
		abx, aby := b.x-a.x, b.y-a.y
		apx, apy := x-a.x, y-a.y
		l2 := abx*abx + aby*aby
		t := 0.0
		if l2 > 0 {
			t = (apx*abx + apy*aby) / l2
			if t < 0 {
				t = 0
			} else if t > 1 {
				t = 1
			}
		}
		dx, dy := apx-t*abx, apy-t*aby
		if d := dx*dx + dy*dy; d < best {
			best = d
		}
	}
	return best
}

// scarInradius estimates the largest distance from a scar's edge to a
// point inside it, in mm, by sampling a 64 × 64 grid over its bounds. It
// depends on the polygon only, never on the view or dst, so every tile and
// sub-rectangle shades a scar the same way; results are cached per polygon
// because the trainer draws a template tile by tile.
func scarInradius(pg geom.Polygon) float64 {
	key := keyOf(pg)
	if v, ok := inradii.get(key); ok {
		return v
	}
	b := pg.Bounds()
	const n = 64
	best := 0.0
	for j := range n {
		for i := range n {
			q := geom.Point{X: b.Min.X + (float64(i)+0.5)*b.Dx()/n, Y: b.Min.Y + (float64(j)+0.5)*b.Dy()/n}
			if pg.Contains(q) {
				best = math.Max(best, pg.BoundaryDist(q))
			}
		}
	}
	inradii.put(key, best)
	return best
}

// polyKey identifies a polygon by a 64-bit hash of its vertices and their
// count: content, not identity, so an edited or rebuilt template never
// picks up a stale entry.
type polyKey struct {
	hash uint64
	n    int
}

func keyOf(pg geom.Polygon) polyKey {
	h := uint64(14695981039346656037)
	for _, p := range pg {
		for _, f := range [2]float64{p.X, p.Y} {
			h ^= math.Float64bits(f)
			h *= 1099511628211
		}
	}
	return polyKey{h, len(pg)}
}

// smallCache is a mutex-guarded map dropped whole when it grows past
// smallCacheEntries: enough for the few templates a program shows at once.
type smallCache[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]V
}

const smallCacheEntries = 512

func (c *smallCache[K, V]) get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *smallCache[K, V]) put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= smallCacheEntries {
		c.m = make(map[K]V)
	}
	c.m[k] = v
}

var (
	inradii  smallCache[polyKey, float64]
	stubbles smallCache[stubbleKey, []stubbleDot]
)

// stubbleKey is everything a stubble layout depends on: the region,
// outline and scar polygons, the ids that seed it and the density.
type stubbleKey struct {
	tid, hid string
	region   polyKey
	outline  polyKey
	scars    polyKey // all scar polygons, hashed in order
	density  float64
}

// cachedStubble returns stubbleLayout(t, h), cached: the
// layout of a full head is tens of thousands of dots, and the trainer
// draws a template 256 pixels at a time.
func cachedStubble(t *scalp.Template, h scalp.HairRegion) []stubbleDot {
	var scars geom.Polygon
	for _, sc := range t.Scars {
		scars = append(scars, sc.Polygon...)
		scars = append(scars, geom.Point{X: math.NaN()}) // separator
	}
	k := stubbleKey{tid: t.ID, hid: h.ID, region: keyOf(h.Polygon), outline: keyOf(t.Outline),
		scars: keyOf(scars), density: h.DensityPerCM2}
	if v, ok := stubbles.get(k); ok {
		return v
	}
	v := stubbleLayout(t, h)
	stubbles.put(k, v)
	return v
}

// stubbleDot is one visible hair end.
type stubbleDot struct {
	pos geom.Point
	dMM float64
}

// stubbleLayout returns the stubble dots of hair region h: a jittered grid
// at the region's density (one dot per cell, placed uniformly inside it),
// which looks random but has none of a Poisson pattern's clumps and holes,
// as natural follicles do (domain.md §4). Dots inside scars are dropped,
// whether or not the scars are drawn: scar tissue grows no hair.
func stubbleLayout(t *scalp.Template, h scalp.HairRegion) []stubbleDot {
	d := math.Min(h.DensityPerCM2, maxStubblePerCM2)
	if !(d > 0) || len(h.Polygon) < 3 {
		return nil
	}
	cell := 10 / math.Sqrt(d) // mm: d/100 dots per mm²
	b := h.Polygon.Bounds()
	if !b.Min.IsFinite() || !b.Max.IsFinite() {
		return nil
	}
	hs := fnv.New64a()
	hs.Write([]byte(t.ID))
	hs.Write([]byte{0})
	hs.Write([]byte(h.ID))
	rng := rand.New(rand.NewPCG(hs.Sum64(), stubbleStream))
	// Anchor the grid to multiples of the cell so the layout does not
	// depend on anything but the polygon and the density.
	x0 := math.Floor(b.Min.X/cell) * cell
	y0 := math.Floor(b.Min.Y/cell) * cell
	nx := int(math.Ceil((b.Max.X - x0) / cell))
	ny := int(math.Ceil((b.Max.Y - y0) / cell))
	if nx <= 0 || ny <= 0 || nx*ny > 4_000_000 {
		return nil // a region this size is not a scalp
	}
	ob := t.Outline.Bounds()
	out := make([]stubbleDot, 0, int(h.Polygon.Area()*d/100)+16)
	for j := range ny {
		for i := range nx {
			// Draw all three numbers for every cell, so accepting or
			// rejecting one dot never shifts the next.
			p := geom.Point{X: x0 + (float64(i)+rng.Float64())*cell, Y: y0 + (float64(j)+rng.Float64())*cell}
			dm := stubbleMinMM + rng.Float64()*(stubbleMaxMM-stubbleMinMM)
			if !h.Polygon.Contains(p) || !ob.Contains(p) || !t.Outline.Contains(p) {
				continue
			}
			if inScar(t, p) {
				continue
			}
			out = append(out, stubbleDot{p, dm})
		}
	}
	return out
}

func inScar(t *scalp.Template, p geom.Point) bool {
	for _, s := range t.Scars {
		if s.Polygon.Contains(p) {
			return true
		}
	}
	return false
}

// drawStubble draws the existing hair as shaved stubble: each hair at hair
// scale, seen through the skin's optics as the dots are
// (appearance.HairOnSkin), so stubble and work compare on the chart as
// they do on the client.
func drawStubble(dst *image.RGBA, t *scalp.Template, v View, skin colorful.Color) {
	dd := newDiscDrawer(dst)
	hairDefault := hexOr(t.HairColour, defaultHair)
	for _, h := range t.Hair {
		c := toLin(appearance.HairOnSkin(hexOr(h.Colour, hairDefault), skin))
		for _, s := range cachedStubble(t, h) {
			x, y := v.ToPx(s.pos)
			dd.draw(x, y, s.dMM/2*v.PxPerMM, c)
		}
	}
}

func drawLandmarks(p *painter, lm *scalp.Landmarks) {
	v := p.v
	hw := 0.5 * p.ls
	for _, l := range []geom.Polyline{lm.Midline, lm.BrowLine} {
		if len(l) > 1 {
			p.s.stroke(toPx(l, v), hw, false)
		}
	}
	p.fillGuide(&p.s, guideLandmark)
	for _, l := range []geom.Polyline{lm.CanthusLeft, lm.CanthusRight} {
		if len(l) > 1 {
			p.dashed(toPx(l, v), hw, 6*p.ls, 4*p.ls)
		}
	}
	p.fillGuide(&p.s, guideLandmark)
	for _, l := range []geom.Polyline{lm.MidPupilLeft, lm.MidPupilRight} {
		if len(l) > 1 {
			p.dashed(toPx(l, v), hw, 2*p.ls, 4*p.ls)
		}
	}
	p.fillGuide(&p.s, guideFaint)
	// The glabella as a small cross.
	if lm.Glabella.IsFinite() && (lm.Glabella != geom.Point{} || len(lm.BrowLine) > 0) {
		x, y := v.ToPx(lm.Glabella)
		k := 4 * p.ls
		p.s.quad(pt{x - k, y}, pt{x + k, y}, hw*1.5)
		p.s.quad(pt{x, y - k}, pt{x, y + k}, hw*1.5)
		p.fillGuide(&p.s, guideLandmark)
	}
}
