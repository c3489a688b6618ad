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
