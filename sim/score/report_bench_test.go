package score

import "testing"

// BenchmarkReport100k is the report alone of BenchmarkGrade100k's grade:
// state.report on a measured state of 100,000 dots (the criteria read
// from the aggregates), without the measuring.
func BenchmarkReport100k(b *testing.B) {
	tp, ims := work100k(b)
	s := newState(NewGrader(tp).prep(3), ims, false)
	s.report(nil)
	b.ReportAllocs()
	done := cpuPerOp(b)
	for b.Loop() {
		s.report(nil)
	}
	done()
}

// BenchmarkLiveAddReportSparse is BenchmarkLiveAddReport100k in a first
// session: about 16,500 dots at 14/cm² on the same chart, where the
// density map's windows hold few dots and the dispersion test also looks
// through finer windows (pzone.fine), which a Live keeps counted dot by
// dot.
func BenchmarkLiveAddReportSparse(b *testing.B) {
	tp := bigTemplate()
	ims := dots(poissonDisk(tp.Outline, 2.1, 1))
	b.Logf("%d impressions", len(ims))
	benchLiveAdd(b, NewGrader(tp).NewLive(ims, 1, nil), ims[0], true)
}
