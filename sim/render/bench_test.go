package render

import (
	"image"
	"math/rand/v2"
	"testing"

	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// benchField is a 200 × 200 mm field (400 cm²: most of a scalp, domain.md
// §3) holding n impressions, drawn on a 1600 × 1600 image at 8 px/mm, so a
// 0.25 mm dot is 2 px across.
func benchField(n int) (*scalp.Template, []impression.Impression, View) {
	sq := geom.Polygon{{X: -100, Y: -100}, {X: 100, Y: -100}, {X: 100, Y: 100}, {X: -100, Y: 100}}
	t := &scalp.Template{ID: "bench", Outline: sq, Skin: "#eadaba",
		Zones: []scalp.Zone{{ID: "field", Kind: scalp.Field, Polygon: sq}}}
	rng := rand.New(rand.NewPCG(1, 2))
	ims := make([]impression.Impression, n)
	needles := []impression.Needle{impression.DefaultNeedle, {Grouping: impression.RL3, GaugeMM: 0.20}}
	for i := range ims {
		p := geom.Pt(rng.Float64()*200-100, rng.Float64()*200-100)
		ims[i] = impression.New(p, needles[i%7/6], 1+i%3, float64(i))
	}
	return t, ims, View{Origin: geom.Pt(-100, -100), PxPerMM: 8}
}

// BenchmarkDots100k draws 100,000 impressions on a 1600 × 1600 image.
func BenchmarkDots100k(b *testing.B) {
	t, ims, v := benchField(100_000)
	dst := image.NewRGBA(image.Rect(0, 0, 1600, 1600))
	Template(dst, t, v, Options{})
	b.ReportAllocs()
	for b.Loop() {
		Dots(dst, t, ims, v, appearance.Healed)
	}
}

// BenchmarkDots100kDirty64 redraws a 64 × 64 pixel dirty rectangle of the
// same 100,000-impression canvas: what the trainer does after a click.
func BenchmarkDots100kDirty64(b *testing.B) {
	t, ims, v := benchField(100_000)
	dst := image.NewRGBA(image.Rect(0, 0, 1600, 1600))
	Template(dst, t, v, Options{})
	sub := dst.SubImage(image.Rect(800, 800, 864, 864)).(*image.RGBA)
	b.ReportAllocs()
	for b.Loop() {
		Dots(sub, t, ims, v, appearance.Healed)
	}
}

// BenchmarkTemplateHead draws the synthetic head with every layer at
// 1600 × 1600.
func BenchmarkTemplateHead(b *testing.B) {
	t := syntheticHead()
	dst := image.NewRGBA(image.Rect(0, 0, 1600, 1600))
	v := FitView(t.Bounds(), 1600, 1600, 10)
	o := All(appearance.Healed)
	b.ReportAllocs()
	for b.Loop() {
		Template(dst, t, v, o)
	}
}

// BenchmarkChartHeadReport is a report picture: 800 × 800, every layer,
// heatmap and markers, with the heatmap computed each time.
func BenchmarkChartHeadReport(b *testing.B) {
	t := syntheticHead()
	work := headWork(t)
	dst := image.NewRGBA(image.Rect(0, 0, 800, 800))
	v := FitView(t.Bounds(), 800, 800, 10)
	o := All(appearance.Healed)
	o.Markers = headMarkers()
	b.ReportAllocs()
	for b.Loop() {
		o.Heatmap = DensityHeatmap(t, work, 3, 4)
		Chart(dst, t, work, v, o)
	}
}

// BenchmarkTemplateTile256 draws one 256 × 256 trainer tile of the
// registered norwood3 head (every layer) at 8 px/mm, mid-scalp: the cost
// of a tile when the trainer zooms.
func BenchmarkTemplateTile256(b *testing.B) {
	t, err := scalp.Lookup("norwood3")
	if err != nil {
		b.Skip(err)
	}
	v := View{Origin: t.Bounds().Min, PxPerMM: 8}
	dst := image.NewRGBA(image.Rect(768, 768, 1024, 1024))
	o := All(appearance.Healed)
	o.ScaleBar = false
	b.ReportAllocs()
	for b.Loop() {
		Template(dst, t, v, o)
	}
}

// BenchmarkHeatmapMeasure is the trainer's density map after a change:
// the grid built once (2 mm cells on norwood3, session 3), measured over
// about 40,000 dots.
func BenchmarkHeatmapMeasure(b *testing.B) {
	t, err := scalp.Lookup("norwood3")
	if err != nil {
		b.Skip(err)
	}
	work := headWork(t)
	g := NewHeatmapGrid(t, 3, 2)
	b.ReportMetric(float64(len(work)), "dots")
	b.ReportAllocs()
	for b.Loop() {
		g.Measure(work)
	}
}
