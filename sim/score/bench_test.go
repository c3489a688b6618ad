package score

import (
	"slices"
	"testing"
	"time"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// bigTemplate is a 34 × 34 cm chart cut into four treated quadrants, so that
// 100,000 dots sit at a finished density (~86/cm², domain.md §3) with zone
// borders to cross.
func bigTemplate() *scalp.Template {
	const h = 170
	q := func(x0, y0, x1, y1 float64, id string) scalp.Zone {
		return scalp.Zone{ID: id, Name: id, Kind: scalp.MidScalp, Polygon: rectPoly(x0, y0, x1, y1), Targets: sessionBands}
	}
	return &scalp.Template{
		ID: "bench", Head: scalp.Head{Projection: scalp.Flat, RadiusMM: 91, Aspect: 1}, Outline: rectPoly(-h, -h, h, h),
		// A client's skin and hair, so the colour criterion is timed too.
		Skin: "#d7bd96", HairColour: "#3b2a20",
		Zones: []scalp.Zone{q(-h, -h, 0, 0, "a"), q(0, -h, h, 0, "b"), q(-h, 0, 0, h, "c"), q(0, 0, h, h, "d")},
	}
}

// cpuPerOp starts counting the process's CPU time; the function it returns
// reports it per operation as "cpu-ns/op". Run with GOMAXPROCS=1 this is
// the one-core cost of an operation (garbage collection included), which a
// busy machine inflates far less than ns/op: compare it between builds.
func cpuPerOp(b *testing.B) func() {
	t0, ok := processCPU()
	return func() {
		t1, _ := processCPU()
		if ok && b.N > 0 {
			b.ReportMetric(float64((t1-t0)/time.Nanosecond)/float64(b.N), "cpu-ns/op")
		}
	}
}

var bench100k []impression.Impression

func work100k(b *testing.B) (*scalp.Template, []impression.Impression) {
	tp := bigTemplate()
	if bench100k == nil {
		pts := poissonDisk(tp.Outline, 0.85, 1)
		if len(pts) > 100_000 {
			pts = pts[:100_000]
		}
		bench100k = dots(pts)
	}
	b.Logf("%d impressions", len(bench100k))
	return tp, bench100k
}

// BenchmarkGrade100k is the full grade of a 100,000-dot session, with the
// template already prepared (a Grader held across grades, as smpgrade
// holds one per template).
//
// Besides the mean it reports the fastest single grade and the median
// (min-ms, med-ms): this VM runs for minutes at a time at two speeds
// about 1.6× apart, whichever build runs, and the fastest grade of a run
// is the figure that compares builds and runs.
func BenchmarkGrade100k(b *testing.B) {
	tp, ims := work100k(b)
	g := NewGrader(tp)
	g.Grade(ims, 3, nil)
	b.ReportAllocs()
	done := cpuPerOp(b)
	var ts []time.Duration
	for b.Loop() {
		t0 := time.Now()
		g.Grade(ims, 3, nil)
		ts = append(ts, time.Since(t0))
	}
	done()
	slices.Sort(ts)
	b.ReportMetric(float64(ts[0])/1e6, "min-ms")
	b.ReportMetric(float64(ts[len(ts)/2])/1e6, "med-ms")
}

// BenchmarkPrepare is the one-off preparation of a template for a session:
// a new Grader (zone indexes, skin surfaces) and its session's prep
// (density map cells, gap rasters, hairline and border tables).
func BenchmarkPrepare(b *testing.B) {
	tp := bigTemplate()
	b.ReportAllocs()
	for b.Loop() {
		NewGrader(tp).prep(3)
	}
}

// BenchmarkLiveAdd100k is the incremental update after one impression at
// 100,000: add a dot (and take it away again, so the state stays the same
// size), without a report.
func BenchmarkLiveAdd100k(b *testing.B) {
	tp, ims := work100k(b)
	benchLiveAdd(b, NewGrader(tp).NewLive(ims, 3, nil), ims[0], false)
}

// benchLiveAdd times adding a dot made as im to l, at a new place each
// time across the bench chart, then (with report) a full report, then
// removing it again: the trainer's work per click.
func benchLiveAdd(b *testing.B, l *Live, im impression.Impression, report bool) {
	k := 0
	b.ReportAllocs()
	done := cpuPerOp(b)
	for b.Loop() {
		im.Pos = geom.Pt(float64(k%300)-150+0.37, float64(k/300%300)-150+0.61)
		k++
		id := l.Add(im)
		if report {
			l.Report()
		}
		l.Remove(id)
	}
	done()
}

// BenchmarkLiveAddReport100k is one impression added at 100,000 followed by
// a full report: what the trainer's score panel pays per click.
func BenchmarkLiveAddReport100k(b *testing.B) {
	tp, ims := work100k(b)
	benchLiveAdd(b, NewGrader(tp).NewLive(ims, 3, nil), ims[0], true)
}

// BenchmarkGrade100kNoColour is BenchmarkGrade100k without a skin and hair
// target, so the colour criterion is skipped: the difference of the two is
// the colour criterion's share of a grade (seeing the work from a distance,
// sim/viewer, and the advice its feedback names).
func BenchmarkGrade100kNoColour(b *testing.B) {
	tp, ims := work100k(b)
	tp.Skin, tp.HairColour = "", ""
	g := NewGrader(tp)
	g.Grade(ims, 3, nil)
	b.ReportAllocs()
	done := cpuPerOp(b)
	for b.Loop() {
		g.Grade(ims, 3, nil)
	}
	done()
}

// BenchmarkGrade100kShallowColour is BenchmarkGrade100k with every tenth
// dot too shallow: those heal one lighter than the next, so each is a look
// of its own, the colour criterion's worst case.
func BenchmarkGrade100kShallowColour(b *testing.B) {
	tp, base := work100k(b)
	ims := append([]impression.Impression(nil), base...)
	for i := 0; i < len(ims); i += 10 {
		ims[i].Depth = impression.Shallow
	}
	g := NewGrader(tp)
	g.Grade(ims, 3, nil)
	b.ReportAllocs()
	done := cpuPerOp(b)
	for b.Loop() {
		g.Grade(ims, 3, nil)
	}
	done()
}

// BenchmarkColour100k is the colour criterion's own work on 100,000 dots:
// filing every dot's healed look, then seeing the work against the stubble
// and wording the judgement (what colour() adds to a grade).
func BenchmarkColour100k(b *testing.B) {
	tp, ims := work100k(b)
	cp := buildColourPrep(tp, 3)
	b.ReportAllocs()
	for b.Loop() {
		s := &state{p: &prep{colour: cp}, n: len(ims), alive: make([]bool, len(ims))}
		for i := range s.alive {
			s.alive[i] = true
		}
		fileColour(s, ims)
		if _, ok := s.colour(); !ok {
			b.Fatal("colour not graded")
		}
	}
}

// headWork is 100,000 dots spread evenly over norwood7's whole chart
// (about 4× a finished density, for the count), for timing the grade on a
// real head, where every distance is measured on the skin.
func headWork(b *testing.B) (*scalp.Template, []impression.Impression) {
	tp, err := scalp.Lookup("norwood7")
	if err != nil {
		b.Fatal(err)
	}
	pts := poissonDisk(tp.Outline, 0.45, 1)
	if len(pts) > 100_000 {
		pts = pts[:100_000]
	}
	b.Logf("%d impressions", len(pts))
	return tp, dots(pts)
}

// BenchmarkGradeHead100k is the full grade of 100,000 dots on a head
// template, distances on the skin.
func BenchmarkGradeHead100k(b *testing.B) {
	tp, ims := headWork(b)
	g := NewGrader(tp)
	g.Grade(ims, 3, nil)
	b.ReportAllocs()
	done := cpuPerOp(b)
	for b.Loop() {
		g.Grade(ims, 3, nil)
	}
	done()
}

// BenchmarkGradeHeadChart100k is BenchmarkGradeHead100k with distances
// measured on the chart (the head made Flat): the cost of the skin metric
// is the difference.
func BenchmarkGradeHeadChart100k(b *testing.B) {
	tp, ims := headWork(b)
	flat := *tp
	flat.Head.Projection = scalp.Flat
	g := NewGrader(&flat)
	g.Grade(ims, 3, nil)
	b.ReportAllocs()
	done := cpuPerOp(b)
	for b.Loop() {
		g.Grade(ims, 3, nil)
	}
	done()
}
