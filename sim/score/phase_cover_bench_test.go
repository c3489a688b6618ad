package score

import "testing"

// BenchmarkPhasesCover times the gap raster's stamping (cover) and the
// density map's window counts (cells) of a 100,000-dot grade alone, on the
// bench chart (flat) and on norwood7's head, as BenchmarkPhasesNN does for
// the grid and the nearest neighbours.
func BenchmarkPhasesCover(b *testing.B) {
	for _, head := range []bool{false, true} {
		tp, ims := work100k(b)
		name := "flat"
		if head {
			tp, ims = headWork(b)
			name = "head"
		}
		p := NewGrader(tp).prep(3)
		s := newState(p, ims, false)
		b.Run(name+"/cover", func(b *testing.B) {
			done := cpuPerOp(b)
			for b.Loop() {
				s.old = s
				s.bulkCover()
			}
			done()
		})
		b.Run(name+"/cells", func(b *testing.B) {
			done := cpuPerOp(b)
			for b.Loop() {
				s.old = s
				s.bulkCells()
			}
			done()
		})
	}
}
