package layer

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/doc"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/view"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/impression"
)

// setup100k returns a layer over 100,000 impressions with a full-HD
// screen's tiles cached at 1:1 and at 4×.
func setup100k(b *testing.B) (*doc.Doc, *Layer, view.Camera) {
	tp := template(b)
	rng := rand.New(rand.NewPCG(1, 1))
	ims := make([]impression.Impression, 100_000)
	for i := range ims {
		ims[i] = impression.New(randomIn(tp, rng), impression.DefaultNeedle, 1, float64(i))
	}
	d := doc.New(tp, "", 1, time.Time{})
	d.SetImpressions(ims)
	l := NewHeadless(d, opts, appearance.Fresh)
	cam := view.New(view.TrueScale(1), tp.Outline.Centroid(), 1920, 1080)
	l.Prepare(cam, 1920, 1080)
	cam.SetZoom(960, 540, 4)
	l.Prepare(cam, 1920, 1080)
	return d, l, cam
}

// BenchmarkPlaceAt100k is the cost of one click with 100,000 impressions
// on the chart: the document edit plus the dirty-rectangle patch of every
// cached tile it touches.
func BenchmarkPlaceAt100k(b *testing.B) {
	d, l, cam := setup100k(b)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p := cam.ToMM(float64(100+i%1700), float64(100+(i/1700)%900))
		d.Do(doc.Place{Im: impression.New(p, impression.DefaultNeedle, 1, 0)})
	}
	b.ReportMetric(float64(l.Stats.PatchPixels)/float64(b.N), "patch-px/op")
}

// BenchmarkUndoAt100k is the cost of undoing one click: restore the
// dirty rectangle from the template and redraw its neighbours.
func BenchmarkUndoAt100k(b *testing.B) {
	d, _, cam := setup100k(b)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		p := cam.ToMM(float64(100+i%1700), float64(100+(i/1700)%900))
		d.Do(doc.Place{Im: impression.New(p, impression.DefaultNeedle, 1, 0)})
		b.StartTimer()
		d.Undo()
	}
}

// BenchmarkFullScreenRebuildAt100k is the cost of rendering every tile of
// a full-HD screen from scratch at 4× (after opening a file, or the worst
// case of a zoom): spread over frames by Budget in the trainer.
func BenchmarkFullScreenRebuildAt100k(b *testing.B) {
	d, l, cam := setup100k(b)
	_ = d
	b.ResetTimer()
	for b.Loop() {
		l.dropAll()
		l.Prepare(cam, 1920, 1080)
	}
	b.ReportMetric(float64(l.Stats.TilesRendered)/float64(b.N+2), "tiles/op")
}

// BenchmarkPanFrameAt100k is a frame of panning: the camera moves 7 px and
// only tiles entering the screen render.
func BenchmarkPanFrameAt100k(b *testing.B) {
	_, l, cam := setup100k(b)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if (i/200)%2 == 0 {
			cam.Pan(7, 3)
		} else {
			cam.Pan(-7, -3)
		}
		l.Prepare(cam, 1920, 1080)
	}
}
