package render

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/density"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
)

var update = flag.Bool("update", false, "rewrite the golden PNGs in testdata/ from the current renderer")

// goldenTolerance is the largest per-channel difference (of 255) a pixel
// may show against its golden. The renderer is deterministic on one
// machine, but its float64 arithmetic (view transform, disc coverage,
// CIELAB mixing) may round differently where a compiler fuses a multiply
// and an add (arm64, ppc64le, s390x do; amd64 does not), which moves an
// anti-aliased edge by one or two levels. A real change (a moved dot, a
// changed colour or shape) differs by far more.
const goldenTolerance = 2

// golden compares img with testdata/NAME.png, or rewrites it under
// -update. On a mismatch it writes the actual image and a diff to
// testdata/failed/ and names them.
func golden(t *testing.T, name string, img *image.RGBA) {
	t.Helper()
	path := filepath.Join("testdata", name+".png")
	if *update {
		var buf bytes.Buffer
		if err := PNG(&buf, img); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%s: %v (run go test ./sim/render -update to create it)", path, err)
	}
	defer f.Close()
	g, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if g.Bounds() != img.Bounds() {
		t.Fatalf("%s: golden is %v, render is %v", path, g.Bounds(), img.Bounds())
	}
	diff := image.NewRGBA(img.Bounds())
	bad, worst := 0, 0
	var first image.Point
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			want := color.RGBAModel.Convert(g.At(x, y)).(color.RGBA)
			got := img.RGBAAt(x, y)
			d := max(absDiff(want.R, got.R), absDiff(want.G, got.G), absDiff(want.B, got.B), absDiff(want.A, got.A))
			worst = max(worst, d)
			if d > goldenTolerance {
				if bad == 0 {
					first = image.Pt(x, y)
				}
				bad++
				diff.SetRGBA(x, y, color.RGBA{255, uint8(max(0, 255-4*d)), 0, 255})
			} else {
				// Faded copy of the image for context.
				diff.SetRGBA(x, y, color.RGBA{got.R/4 + 96, got.G/4 + 96, got.B/4 + 96, 255})
			}
		}
	}
	if bad == 0 {
		return
	}
	dir := filepath.Join("testdata", "failed")
	_ = os.MkdirAll(dir, 0o755)
	actual := filepath.Join(dir, name+".actual.png")
	diffPath := filepath.Join(dir, name+".diff.png")
	writePNG(t, actual, img)
	writePNG(t, diffPath, diff)
	t.Errorf("%s: %d pixels differ by more than %d (worst %d, first at %v); actual in %s, diff (red) in %s; "+
		"if the change is intended, run go test ./sim/render -update", path, bad, goldenTolerance, worst, first, actual, diffPath)
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func newImg(w, h int) *image.RGBA { return image.NewRGBA(image.Rect(0, 0, w, h)) }

// squareDots is the seeded pattern the square20 goldens use: about
// 80/cm², finished density (domain.md §3).
func squareDots(t *scalp.Template) []impression.Impression {
	b := t.Bounds()
	return seededPattern(b, 1.12, 20)
}

// squareView fits the square with room for the scale bar below it.
func squareView(t *scalp.Template, w, h int) View { return FitView(t.Bounds(), w, h, 28) }

// square20 returns the registered practice square, a 20 × 20 mm field.
func square20(t *testing.T) *scalp.Template {
	t.Helper()
	sq, err := scalp.Lookup("square20")
	if err != nil {
		t.Fatalf("square20: %v", err)
	}
	return sq
}

func TestGoldenSquare20(t *testing.T) {
	sq := square20(t)
	ims := squareDots(sq)
	img := newImg(320, 320)
	Chart(img, sq, nil, squareView(sq, 320, 320), All(appearance.Fresh))
	golden(t, "square20_empty", img)
	for _, c := range []struct {
		name string
		st   appearance.Stage
	}{{"fresh", appearance.Fresh}, {"healed", appearance.Healed}, {"aged5", appearance.Aged(5)}} {
		o := Preview(c.st)
		o.ScaleBar = true
		Chart(img, sq, ims, squareView(sq, 320, 320), o)
		golden(t, "square20_"+c.name, img)
	}
	// Lightest and darkest Monk tones (domain.md §7): the guides switch
	// variants, and the same work reads very differently.
	for _, c := range []struct{ name, skin string }{{"mst01", "#f6ede4"}, {"mst10", "#292420"}} {
		other := *sq
		other.Skin = c.skin
		Chart(img, &other, ims, squareView(&other, 320, 320), All(appearance.Healed))
		golden(t, "square20_"+c.name+"_healed", img)
	}
}

// TestGoldenTemplates renders every registered template with all its
// guides (zones, hairline, landmarks, stubble, scars). These goldens guard
// the renderer, not the templates (package scalp tests those), so each is
// tied to a hash of its template's content, kept in testdata/templates.sum:
// a template that is new or has changed since its golden was made is
// skipped by name rather than failing the unit tests, until someone has
// looked at its picture and run go test ./sim/render -update; under
// SMP_E2E=1 it fails (skipOrFail).
func TestGoldenTemplates(t *testing.T) {
	sums := readSums(t)
	for _, tp := range scalp.All() {
		if tp.ID == "square20" {
			continue // covered above at a closer scale
		}
		t.Run(tp.ID, func(t *testing.T) {
			name := "template_" + tp.ID
			h := templateHash(t, tp)
			if !*update {
				if _, err := os.Stat(filepath.Join("testdata", name+".png")); err != nil {
					skipOrFail(t, "no golden for %s yet: look at it, then go test ./sim/render -update", tp.ID)
				}
				if sums[tp.ID] != h {
					skipOrFail(t, "%s changed since its golden was made (content %s, golden for %s): look at it, then go test ./sim/render -update",
						tp.ID, h, sums[tp.ID])
				}
			}
			img := newImg(360, 360)
			Chart(img, tp, nil, FitView(tp.Bounds(), 360, 360, 8), All(appearance.Healed))
			golden(t, name, img)
			sums[tp.ID] = h
		})
	}
	if *update {
		writeSums(t, sums)
	}
}

// skipOrFail skips a golden that cannot be compared (a template new or
// changed since its golden), so a template edit does not break the unit
// tests; under SMP_E2E=1 (make e2e, CI) it fails, so a stale golden is
// never passed over in silence.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	if os.Getenv("SMP_E2E") == "1" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}

const sumsFile = "testdata/templates.sum"

// templateHash is a short hash of a template's full content.
func templateHash(t *testing.T, tp *scalp.Template) string {
	b, err := json.Marshal(tp)
	if err != nil {
		t.Fatal(err)
	}
	h := fnv.New64a()
	h.Write(b)
	return fmt.Sprintf("%016x", h.Sum64())
}

func readSums(t *testing.T) map[string]string {
	m := map[string]string{}
	b, err := os.ReadFile(sumsFile)
	if err != nil {
		return m
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 2 {
			m[f[0]] = f[1]
		}
	}
	return m
}

func writeSums(t *testing.T, m map[string]string) {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var sb strings.Builder
	sb.WriteString("# template id, hash of its content when its golden PNG was made (see TestGoldenTemplates)\n")
	for _, id := range ids {
		fmt.Fprintf(&sb, "%s %s\n", id, m[id])
	}
	if err := os.WriteFile(sumsFile, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestGoldenHead(t *testing.T) {
	head := syntheticHead()
	img := newImg(400, 400)
	v := FitView(head.Bounds(), 400, 400, 8)
	Chart(img, head, nil, v, All(appearance.Healed))
	golden(t, "synth_head_guides", img)

	work := headWork(head)
	o := All(appearance.Healed)
	o.Heatmap = DensityHeatmap(head, work, 3, 4)
	o.Markers = headMarkers()
	Chart(img, head, work, v, o)
	golden(t, "synth_head_chart", img)

	// The hairline and left temple at 12 px/mm: stubble, dots of three
	// sizes, hatching, landmarks and markers at a trainer's zoom.
	zoom := newImg(400, 300)
	o.Heatmap = nil
	Chart(zoom, head, work, View{Origin: geom.Pt(-64, -72), PxPerMM: 12}, o)
	golden(t, "synth_head_zoom", zoom)

	// The scar and stubble at the back, as the client sees it.
	Chart(zoom, head, work, View{Origin: geom.Pt(-52, 66), PxPerMM: 12}, Preview(appearance.Healed))
	golden(t, "synth_head_scar", zoom)
}

func headMarkers() []Marker {
	return []Marker{
		{Pos: geom.Pt(-20, -40), Kind: score.MarkerClump},
		{Pos: geom.Pt(24, 5), Kind: score.MarkerGap, RadiusMM: 7},
		{Pos: geom.Pt(-52, -44), Kind: score.MarkerNoGo},
		{Pos: geom.Pt(0, -60), Kind: score.MarkerEdge},
		{Pos: geom.Pt(30, -20), Kind: score.MarkerRow},
		{Pos: geom.Pt(-10, 30), Kind: score.MarkerTemple},
		{Pos: geom.Pt(10, 45), Kind: "something-new"},
	}
}

// TestDeterministic renders the same chart twice, with other work (other
// zooms filling the mask cache, another template) in between, and wants
// identical bytes.
func TestDeterministic(t *testing.T) {
	head := syntheticHead()
	work := headWork(head)
	o := All(appearance.Aged(5))
	o.Heatmap = DensityHeatmap(head, work, 2, 4)
	o.Markers = headMarkers()
	render := func() []byte {
		img := newImg(300, 300)
		Chart(img, head, work, FitView(head.Bounds(), 300, 300, 4), o)
		return img.Pix
	}
	a := render()
	for _, s := range []float64{0.7, 3.1, 17, 40} {
		sq := square20(t)
		Chart(newImg(200, 200), sq, squareDots(sq), View{Origin: geom.Pt(-5, -5), PxPerMM: s}, All(appearance.Fresh))
	}
	if b := render(); !bytes.Equal(a, b) {
		t.Fatal("two renders of the same chart differ")
	}
	// A different template id lays its stubble out differently: the seed
	// really comes from the id.
	other := syntheticHead()
	other.ID = "another"
	img1, img2 := newImg(300, 300), newImg(300, 300)
	v := FitView(head.Bounds(), 300, 300, 4)
	Template(img1, head, v, Options{Hair: true})
	Template(img2, other, v, Options{Hair: true})
	if bytes.Equal(img1.Pix, img2.Pix) {
		t.Error("stubble layout does not depend on the template id")
	}
}

// TestDotLandsAtPosition draws single dots at known chart positions and
// reads the pixels back.
func TestDotLandsAtPosition(t *testing.T) {
	sq := syntheticSquare20()
	sq.Skin = "#ffffff"
	v := View{Origin: geom.Pt(-10, -10), PxPerMM: 10}
	for _, c := range []struct {
		pos  geom.Point
		diam float64
	}{
		{geom.Pt(0, 0), 1.0},      // 10 px across, centre on a pixel corner
		{geom.Pt(3.25, -4.75), 2}, // centre in a pixel's middle
		{geom.Pt(-7.13, 6.41), 0.5},
		{geom.Pt(5.55, 5.55), 0.04}, // 0.4 px: under a pixel
	} {
		img := newImg(200, 200)
		Template(img, sq, v, Options{})
		im := impression.New(c.pos, impression.DefaultNeedle, 1, 0)
		im.DiameterMM = c.diam
		im.Dilution = 0 // undiluted: as dark as it gets
		Dots(img, sq, []impression.Impression{im}, v, appearance.Fresh)
		x, y := v.ToPx(c.pos)
		px, py := int(x), int(y)
		// The dot's ink (light removed, in linear light) must be centred
		// on the position, to well under a pixel: the sub-pixel phase is
		// quantised to 1/8 px.
		var sum, sx, sy float64
		darkest := 255 * 3
		for yy := py - 15; yy <= py+15; yy++ {
			for xx := px - 15; xx <= px+15; xx++ {
				q := img.RGBAAt(xx, yy)
				ink := 1 - srgbDecode(float64(q.R)/255)
				sum += ink
				sx += ink * (float64(xx) + 0.5)
				sy += ink * (float64(yy) + 0.5)
				darkest = min(darkest, int(q.R)+int(q.G)+int(q.B))
			}
		}
		if sum == 0 || math.Abs(sx/sum-x) > 0.08 || math.Abs(sy/sum-y) > 0.08 {
			t.Errorf("dot at %v mm (pixel %.2f,%.2f): ink centred at %.3f,%.3f", c.pos, x, y, sx/sum, sy/sum)
		}
		if darkest >= 255*3 {
			t.Errorf("dot at %v mm of %.2f mm left no mark", c.pos, c.diam)
		}
		// Well outside the dot (its radius plus two pixels) the skin is
		// untouched.
		look := appearance.Dot(im, hexOr(sq.Skin, defaultSkin), appearance.Fresh)
		r := look.DiameterMM / 2 * v.PxPerMM
		for _, o := range [][2]float64{{r + 2, 0}, {-r - 2, 0}, {0, r + 2}, {0, -r - 2}} {
			q := img.RGBAAt(int(x+o[0]), int(y+o[1]))
			if q != (color.RGBA{255, 255, 255, 255}) {
				t.Errorf("dot at %v mm: pixel %.0f px away is %v, not skin", c.pos, r+2, q)
			}
		}
		// A dot of several pixels is solid in its middle, in its look's colour.
		if r >= 3 {
			want := rgba8(look.Colour)
			got := img.RGBAAt(px, py)
			if absDiff(want.R, got.R) > 1 || absDiff(want.G, got.G) > 1 || absDiff(want.B, got.B) > 1 {
				t.Errorf("dot at %v mm: centre pixel %v, want the look's colour %v", c.pos, got, want)
			}
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestSubPixelDotInk checks that a dot smaller than a pixel darkens the
// image by its area (in linear light), wherever it falls.
func TestSubPixelDotInk(t *testing.T) {
	sq := syntheticSquare20()
	sq.Skin = "#ffffff"
	v := View{Origin: geom.Pt(-5, -5), PxPerMM: 4} // a fresh 1RL 0.25 mark (0.11 mm) is 0.45 px across
	blank := newImg(40, 40)
	Template(blank, sq, v, Options{})
	for _, off := range []float64{0, 0.13, 0.25, 0.49} {
		img := newImg(40, 40)
		copy(img.Pix, blank.Pix)
		im := impression.New(geom.Pt(off, off*0.7), impression.DefaultNeedle, 1, 0)
		Dots(img, sq, []impression.Impression{im}, v, appearance.Fresh)
		look := appearance.Dot(im, hexOr(sq.Skin, defaultSkin), appearance.Fresh)
		r := look.DiameterMM / 2 * v.PxPerMM
		lr, _, _ := look.Colour.LinearRgb()
		want := 3.14159265 * r * r * (1 - lr) // light removed from the red channel, in pixels
		var got float64
		for i := 0; i < len(img.Pix); i += 4 {
			got += srgbDecode(float64(blank.Pix[i])/255) - srgbDecode(float64(img.Pix[i])/255)
		}
		if got < want*0.9 || got > want*1.1 {
			t.Errorf("offset %.2f: dot of %.2f px radius removed %.4f px of light, want %.4f", off, r, got, want)
		}
	}
}

// TestPartialRedraw redraws sub-rectangles (a dirty rectangle after a
// click, a trainer tile, a strip) and wants exactly the pixels of the full
// render there, both for dots over a cached template and for the template
// itself redrawn in the sub-rectangle, with every layer and overlay.
func TestPartialRedraw(t *testing.T) {
	head := syntheticHead()
	work := headWork(head)
	v := View{Origin: geom.Pt(-64, -72), PxPerMM: 9}
	o := All(appearance.Healed)
	o.ScaleBar = false // it sits in dst's corner, so it moves with a sub-rectangle
	o.Markers = headMarkers()
	o.Heatmap = DensityHeatmap(head, work, 3, 4)
	full := newImg(500, 400)
	Chart(full, head, work, v, o)
	fullDots := newImg(500, 400)
	Template(fullDots, head, v, o)
	Dots(fullDots, head, work, v, o.Stage)

	for _, r := range []image.Rectangle{image.Rect(100, 80, 164, 144), image.Rect(0, 0, 37, 401),
		image.Rect(333, 250, 500, 400), image.Rect(256, 0, 512, 256), image.Rect(0, 256, 256, 512)} {
		base := newImg(500, 400)
		Template(base, head, v, o)
		// Dots over the cached template, only in r.
		part := newImg(500, 400)
		copy(part.Pix, base.Pix)
		Dots(part.SubImage(r).(*image.RGBA), head, work, v, o.Stage)
		// Outside r nothing changed; inside it matches the full render.
		for y := 0; y < 400; y++ {
			for x := 0; x < 500; x++ {
				p := image.Pt(x, y)
				want := base.RGBAAt(x, y)
				if p.In(r) {
					want = fullDots.RGBAAt(x, y)
				}
				if got := part.RGBAAt(x, y); got != want {
					t.Fatalf("rect %v: pixel %v is %v, want %v", r, p, got, want)
				}
			}
		}
		// The whole chart redrawn in r alone.
		part2 := newImg(500, 400)
		Chart(part2.SubImage(r).(*image.RGBA), head, work, v, o)
		for y := r.Min.Y; y < min(r.Max.Y, 400); y++ {
			for x := r.Min.X; x < min(r.Max.X, 500); x++ {
				if a, b := part2.RGBAAt(x, y), full.RGBAAt(x, y); a != b {
					t.Fatalf("rect %v: chart redrawn alone is %v at %d,%d, full render %v", r, a, x, y, b)
				}
			}
		}
	}
}

func TestFitView(t *testing.T) {
	r := geom.Rect{Min: geom.Pt(-10, -30), Max: geom.Pt(30, 50)} // 40 × 80 mm
	v := FitView(r, 400, 300, 10)
	if want := 280.0 / 80; v.PxPerMM != want {
		t.Fatalf("scale %v, want %v (height limits)", v.PxPerMM, want)
	}
	// Centred both ways.
	x0, y0 := v.ToPx(r.Min)
	x1, y1 := v.ToPx(r.Max)
	if d := (x0 - 0) - (400 - x1); d > 1e-9 || d < -1e-9 {
		t.Errorf("not centred horizontally: %v .. %v", x0, x1)
	}
	if math.Abs(y0-10) > 1e-9 || math.Abs(y1-290) > 1e-9 {
		t.Errorf("vertical fit: %v .. %v, want 10 .. 290", y0, y1)
	}
	// ToMM inverts ToPx.
	p := geom.Pt(12.34, -5.6)
	if q := v.ToMM(v.ToPx(p)); q.Dist(p) > 1e-9 {
		t.Errorf("ToMM(ToPx(%v)) = %v", p, q)
	}
	// Degenerate inputs still give a usable view.
	for _, c := range []struct {
		r    geom.Rect
		w, h int
	}{{geom.Rect{}, 100, 100}, {r, 10, 10}, {geom.Rect{Max: geom.Pt(10, 0)}, 100, 50}, {r, 0, 0}} {
		if v := FitView(c.r, c.w, c.h, 20); !v.Valid() {
			t.Errorf("FitView(%v, %d, %d) = %+v, not valid", c.r, c.w, c.h, v)
		}
	}
}

func TestLinearLUTRoundTrip(t *testing.T) {
	for i := range 256 {
		if got := lin16ToSRGB[srgbToLin16[i]]; int(got) != i {
			t.Fatalf("sRGB %d → linear %d → sRGB %d", i, srgbToLin16[i], got)
		}
	}
}

// TestBadInput feeds broken templates, views and impressions: nothing may
// panic, and broken parts are skipped, not drawn somewhere wrong.
func TestBadInput(t *testing.T) {
	nan := geom.Pt(0, 0)
	nan.X = nan.X / nan.X
	bad := syntheticHead()
	bad.Skin = "skin-ish"
	bad.Hair[0].Colour = "#zzzzzz"
	bad.Hair = append(bad.Hair, scalp.HairRegion{ID: "huge", Polygon: bad.Outline, DensityPerCM2: 1e12})
	bad.Scars = append(bad.Scars, scalp.Scar{ID: "degenerate", Polygon: geom.Polygon{{}, {}}})
	bad.DesignHairline = geom.Polyline{nan, geom.Pt(1, 1), geom.Pt(1, 1)}
	ims := []impression.Impression{
		{Pos: nan, DiameterMM: 0.3},
		{Pos: geom.Pt(1e300, -1e300), DiameterMM: 0.3},
		{Pos: geom.Pt(0, 0), DiameterMM: -1},
		{Pos: geom.Pt(0, 0), DiameterMM: 1e9},
		{Pos: geom.Pt(1, 1), DiameterMM: 0.25, Dilution: nan.X},
	}
	o := All(appearance.Aged(5))
	o.Markers = []Marker{{Pos: nan}, {Pos: geom.Pt(0, 0), RadiusMM: -3}, {Pos: geom.Pt(0, 0), RadiusMM: 1e300}}
	o.Heatmap = &Heatmap{Cols: 3, Rows: 3, CellMM: 1, Density: []float64{1}}
	o.LineScale = -2
	for _, v := range []View{{PxPerMM: 0}, {PxPerMM: nan.X}, {Origin: nan, PxPerMM: 1}, {PxPerMM: 1e-9}, {Origin: geom.Pt(-100, -100), PxPerMM: 1}, {PxPerMM: 1e7}} {
		img := newImg(64, 64)
		Chart(img, bad, ims, v, o)
		Chart(img, nil, ims, v, o)
		Chart(img, &scalp.Template{}, ims, v, o)
		Chart(newImg(0, 0), bad, ims, v, o)
	}
	if h := DensityHeatmap(bad, ims, 9, 0); h != nil {
		t.Error("zero cell size gave a heatmap")
	}
	if h := DensityHeatmap(bad, ims, -1, 4); h == nil {
		t.Error("no heatmap for a template with zones")
	}
}

func TestDeviation(t *testing.T) {
	b := scalp.DensityBand{Min: 40, Max: 60}
	for _, c := range []struct {
		d, want float64
	}{{50, 0}, {40, 0}, {60, 0}, {20, -1}, {0, -1}, {120, 1}, {500, 1}, {30, -0.415}, {80, 0.415}} {
		if got := Deviation(c.d, b); got < c.want-0.001 || got > c.want+0.001 {
			t.Errorf("Deviation(%v, %v) = %v, want %v", c.d, b, got, c.want)
		}
	}
	noGo := scalp.DensityBand{}
	if Deviation(0, noGo) != 0 || Deviation(100, noGo) != 1 {
		t.Error("no-go band: empty must be on target, any real density full red")
	}
}

// squareLattice lays a hexagonal lattice of spacing s mm over the 20 mm
// square (syntheticSquare20) left of x = xMax, as session-3 impressions.
func squareLattice(s, xMax float64) []impression.Impression {
	var ims []impression.Impression
	row := 0
	for y := -10 + s/2; y < 10; y += s * 0.8660254 {
		for x := -10 + s/4 + float64(row%2)*s/2; x < xMax; x += s {
			ims = append(ims, impression.New(geom.Pt(x, y), impression.DefaultNeedle, 3, 0))
		}
		row++
	}
	return ims
}

// TestHeatmapMeasures builds a uniform hexagonal pattern at a known density
// over the square and checks the heatmap reads that density in the middle
// and at the edges (the zone-area correction).
func TestHeatmapMeasures(t *testing.T) {
	sq := syntheticSquare20()
	s := 1.2 // hexagonal spacing: 115/s² per cm² (domain.md §3)
	want := 115.47 / (s * s)
	ims := squareLattice(s, 10)
	// A window holds about 30 dots (sim/density), a corner cell's quarter
	// of one about 10, whose lattice count strays by one or two.
	h := DensityHeatmap(sq, ims, 3, 2)
	if h == nil || h.Cols != 10 || h.Rows != 10 {
		t.Fatalf("heatmap %+v", h)
	}
	for _, k := range []int{0, 9, 45, 54, 99} {
		if d := h.Density[k]; d < want*0.8 || d > want*1.2 {
			t.Errorf("cell %d: density %.1f/cm², want about %.1f", k, d, want)
		}
		// The band judged is the zone's own level (the lattice's mean,
		// inside the band) widened by the score's tolerance: exactly ±Tol
		// inside, where a window holds 30 dots; wider in a corner, whose
		// quarter window's count is noisier.
		mean := float64(len(ims)) / sq.Zones[0].Polygon.Area() * 100
		tb := h.Target[k]
		inside := k == 45 || k == 54
		if inside && (math.Abs(tb.Min-mean*(1-density.Tol)) > 1e-9 || math.Abs(tb.Max-mean*(1+density.Tol)) > 1e-9) ||
			!inside && (tb.Min >= mean*(1-density.Tol) || tb.Max <= mean*(1+density.Tol)) {
			t.Errorf("cell %d: target %v judged around the lattice's %.1f/cm²", k, tb, mean)
		}
	}
}

// TestHeatmapGridReuse: one grid measures different sets of impressions
// independently (no state left from the last call), and the maps it gives
// are the caller's own.
func TestHeatmapGridReuse(t *testing.T) {
	sq := syntheticSquare20()
	g := NewHeatmapGrid(sq, 3, 2)
	if g == nil {
		t.Fatal("no grid")
	}
	dense := []impression.Impression{}
	for x := -9.0; x < 10; x++ {
		for y := -9.0; y < 10; y++ {
			dense = append(dense, impression.New(geom.Pt(x, y), impression.DefaultNeedle, 3, 0))
		}
	}
	a := g.Measure(dense)
	empty := g.Measure(nil)
	b := g.Measure(dense)
	for k := range a.Density {
		if math.IsNaN(a.Density[k]) {
			continue
		}
		if a.Density[k] != b.Density[k] {
			t.Fatalf("cell %d: %v then %v for the same impressions", k, a.Density[k], b.Density[k])
		}
		if a.Density[k] == 0 || empty.Density[k] != 0 {
			t.Fatalf("cell %d: %v with dots, %v without", k, a.Density[k], empty.Density[k])
		}
	}
	a.Target[0].Max, a.Zone[0] = -7, 99
	if c := g.Measure(dense); c.Target[0] == a.Target[0] || c.Zone[0] == 99 {
		t.Error("a measured map shares its targets or zones with the grid")
	}
	if NewHeatmapGrid(sq, 3, math.Inf(1)) != nil || (*HeatmapGrid)(nil).Measure(dense) != nil {
		t.Error("an infinite cell size gave a grid, or a nil grid a map")
	}
}

func TestPNG(t *testing.T) {
	img := newImg(8, 8)
	fillRect(img, img.Bounds(), Background)
	var buf bytes.Buffer
	if err := PNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	back, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if c := color.RGBAModel.Convert(back.At(3, 3)); c != Background {
		t.Errorf("round trip gave %v", c)
	}
	if err := PNG(failWriter{}, img); err == nil {
		t.Error("no error from a failing writer")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }

// TestAppearanceGrowthBound checks the promise Dots' fast reject relies on:
// no stage, depth, needle or dilution makes a dot look more than maxGrowth
// times wider than placed.
func TestAppearanceGrowthBound(t *testing.T) {
	skins := []string{"#f6ede4", "#d7bd96", "#604134", "#292420"}
	for _, sk := range skins {
		skin := hexOr(sk, defaultSkin)
		for _, st := range []appearance.Stage{appearance.Fresh, appearance.Healed, appearance.Aged(5), appearance.Aged(30), appearance.Aged(100)} {
			for _, depth := range []impression.Depth{impression.Shallow, impression.Target, impression.Deep} {
				for _, n := range []impression.Needle{{Grouping: impression.RL1, GaugeMM: 0.18}, {Grouping: impression.RL3, GaugeMM: 0.30}} {
					for _, dil := range []float64{0, 5, 20, 30, 100} {
						im := impression.New(geom.Pt(0, 0), n, 1, 0)
						im.Depth, im.Dilution = depth, dil
						if l := appearance.Dot(im, skin, st); l.DiameterMM > im.DiameterMM*maxGrowth {
							t.Fatalf("%s %v %s %v dil %v: look %.3f mm from %.3f mm placed, over maxGrowth %d×",
								sk, st, depth, n, dil, l.DiameterMM, im.DiameterMM, maxGrowth)
						}
					}
				}
			}
		}
	}
}

// TestConcurrent renders charts from several goroutines at once (a report
// grading a class in parallel) and wants each to equal the serial render.
// Run with -race to check the shared caches.
func TestConcurrent(t *testing.T) {
	head := syntheticHead()
	work := headWork(head)
	stages := []appearance.Stage{appearance.Fresh, appearance.Healed, appearance.Aged(5), appearance.Aged(10)}
	want := make([]*image.RGBA, len(stages))
	for i, st := range stages {
		want[i] = Picture(head, work, 240, 240, 6, All(st))
	}
	done := make(chan error, 4*len(stages))
	for range 4 {
		for i, st := range stages {
			go func() {
				got := Picture(head, work, 240, 240, 6, All(st))
				if !bytes.Equal(got.Pix, want[i].Pix) {
					done <- fmt.Errorf("%v: concurrent render differs from serial", st)
					return
				}
				done <- nil
			}()
		}
	}
	for range 4 * len(stages) {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// FuzzChart draws charts from arbitrary views, impressions and markers: it
// must never panic, and never write outside dst (a sub-image whose
// surroundings are checked untouched).
func FuzzChart(f *testing.F) {
	f.Add(0.0, 0.0, 10.0, 0.0, 0.0, 0.3, 20.0, uint8(0), 1.5, 1.0)
	f.Add(-5.0, -5.0, 0.01, 3.0, 4.0, 5.0, 0.0, uint8(2), -1.0, 0.0)
	f.Add(1e300, -1e300, 1e300, math.Inf(1), math.NaN(), 1e9, math.NaN(), uint8(3), 1e300, 1e9)
	sq := syntheticSquare20()
	f.Fuzz(func(t *testing.T, ox, oy, scale, x, y, d, dil float64, stage uint8, mr, ls float64) {
		img := newImg(48, 48)
		for i := range img.Pix {
			img.Pix[i] = 7
		}
		inner := image.Rect(8, 8, 40, 40)
		ims := []impression.Impression{{Pos: geom.Pt(x, y), DiameterMM: d, Needle: impression.DefaultNeedle,
			Depth: impression.Depth([]string{"shallow", "target", "deep", "odd"}[stage%4]), Pigment: "carbon-black", Dilution: dil}}
		o := All(appearance.Stage{Kind: appearance.StageKind(stage % 4), Years: d})
		o.Markers = []Marker{{Pos: geom.Pt(x, y), RadiusMM: mr, Kind: score.MarkerKind([]string{"gap", "row"}[stage%2])}}
		o.LineScale = ls
		o.Heatmap = DensityHeatmap(sq, ims, int(stage), 2)
		Chart(img.SubImage(inner).(*image.RGBA), sq, ims, View{Origin: geom.Pt(ox, oy), PxPerMM: scale}, o)
		for yy := 0; yy < 48; yy++ {
			for xx := 0; xx < 48; xx++ {
				if !image.Pt(xx, yy).In(inner) && img.RGBAAt(xx, yy) != (color.RGBA{7, 7, 7, 7}) {
					t.Fatalf("pixel %d,%d outside dst was written", xx, yy)
				}
			}
		}
	})
}

// TestScaleBarGround: the scale bar's label is dark ink on pale ground
// (pale skin: a light label was lost there) and light ink on dark ground.
func TestScaleBarGround(t *testing.T) {
	luma := func(p []uint8) float64 { return 0.2126*float64(p[0]) + 0.7152*float64(p[1]) + 0.0722*float64(p[2]) }
	for _, c := range []struct {
		name   string
		ground color.RGBA
		ink    func(l float64) bool
	}{
		{"pale", color.RGBA{0xf6, 0xe8, 0xda, 0xff}, func(l float64) bool { return l < 40 }},
		{"dark", color.RGBA{0x24, 0x1c, 0x18, 0xff}, func(l float64) bool { return l > 215 }},
	} {
		img := newImg(200, 120)
		fillRect(img, img.Bounds(), c.ground)
		if mm := DrawScaleBar(img, View{PxPerMM: 4}, 1); mm != scaleBarMM {
			t.Fatalf("%s: bar of %v mm, want %v", c.name, mm, scaleBarMM)
		}
		// The label stands in the 11 px above the bar's ticks, from x = 12.
		inked := 0
		for y := 120 - 12 - 4 - 4 - 12; y < 120-12-4-4+1; y++ {
			for x := 12; x < 60; x++ {
				if c.ink(luma(img.Pix[img.PixOffset(x, y):])) {
					inked++
				}
			}
		}
		if inked < 15 {
			t.Errorf("%s ground: %d pixels of contrasting ink in the label, want a readable label", c.name, inked)
		}
	}
	if DrawScaleBar(newImg(0, 0), View{PxPerMM: 4}, 1) != 0 || DrawScaleBar(newImg(9, 9), View{}, 1) != 0 {
		t.Error("a bar drawn on an empty image or with an invalid view")
	}
}

// TestDrawScaleBarIsChartsBar: DrawScaleBar draws, pixel for pixel, the
// bar Chart draws with Options.ScaleBar.
func TestDrawScaleBarIsChartsBar(t *testing.T) {
	sq := syntheticSquare20()
	for _, ls := range []float64{1, 2.2} {
		v := squareView(sq, 320, 320)
		o := All(appearance.Healed)
		o.LineScale = ls
		o.ScaleBar = true
		want := newImg(320, 320)
		Chart(want, sq, squareDots(sq), v, o)
		got := newImg(320, 320)
		o.ScaleBar = false
		Chart(got, sq, squareDots(sq), v, o)
		if bytes.Equal(got.Pix, want.Pix) {
			t.Fatal("the chart has no scale bar to compare")
		}
		DrawScaleBar(got, v, ls)
		if !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("line scale %v: DrawScaleBar differs from Chart's bar", ls)
		}
	}
}

// TestHeatmapIsTheScoresEstimate: every cell of the density map (the one
// the trainer's overlay and the report's heatmap draw, both through
// HeatmapGrid) holds exactly the local density estimate the score grades,
// density.Estimator.At at the cell's centre, on a head template whose
// chart stretches distances (so the skin windows reach past their chart
// radius) and in a sparse and a dense session (different windows).
func TestHeatmapIsTheScoresEstimate(t *testing.T) {
	head := lookupOr("norwood3", syntheticHead)
	work := headWork(head)
	pts := make([]geom.Point, len(work))
	for i := range work {
		pts[i] = work[i].Pos
	}
	for _, session := range []int{1, 3} {
		h := DensityHeatmap(head, work, session, 4)
		est := density.New(head, session)
		checked := 0
		for r := range h.Rows {
			for c := range h.Cols {
				k := r*h.Cols + c
				d := h.Density[k]
				if math.IsNaN(d) || k%3 != 0 {
					continue // a third of the cells: At looks at every dot
				}
				centre := geom.Pt(h.Origin.X+(float64(c)+0.5)*h.CellMM, h.Origin.Y+(float64(r)+0.5)*h.CellMM)
				if want := est.At(centre, pts); d != want {
					t.Fatalf("session %d, cell (%d, %d) at %v: map %.4f/cm², estimate %.4f/cm²", session, c, r, centre, d, want)
				}
				checked++
			}
		}
		if checked < 300 {
			t.Fatalf("session %d: only %d cells measured", session, checked)
		}
	}
}

// TestHeatmapHalfDoneZone: a zone laid evenly at its band's middle over
// its left half only (a hand-placed lattice) shows the done half clear and
// the rest too sparse: a zone whose mean is off its band is judged against
// the band (density.Reference), never its done part as too dense.
func TestHeatmapHalfDoneZone(t *testing.T) {
	sq := syntheticSquare20()
	ims := squareLattice(1.2, 0) // 80/cm², inside session 3's 70–100
	h := DensityHeatmap(sq, ims, 3, 2)
	if h == nil || h.Cols != 10 || h.Rows != 10 {
		t.Fatalf("heatmap %+v", h)
	}
	for r := 3; r <= 6; r++ {
		done, bare := r*h.Cols+1, r*h.Cols+8 // x = -7 and x = 7
		if d := Deviation(h.Density[done], h.Target[done]); d != 0 {
			t.Errorf("row %d: the done half at %.1f/cm² shows %+.2f against %v", r, h.Density[done], d, h.Target[done])
		}
		if d := Deviation(h.Density[bare], h.Target[bare]); !(d < -0.5) {
			t.Errorf("row %d: the bare half at %.1f/cm² shows %+.2f against %v", r, h.Density[bare], d, h.Target[bare])
		}
	}
}
