package score

import "testing"

// BenchmarkPhases times phases of a 100,000-dot grade alone, on the
// bench chart (flat) and on norwood7's head: the grid of every dot built
// afresh (reset), the nearest neighbours with the zones' sums (nn), the
// grid's all-nearest-neighbour search within that (nninto), the merge
// sums (clumps), the gap raster's stamping (cover) and the density map's
// window counts (cells). Whole grades on a shared machine are too noisy
// to show a change of a millisecond in one phase.
func BenchmarkPhases(b *testing.B) {
	for _, head := range []bool{false, true} {
		tp, ims := work100k(b)
		name := "flat"
		if head {
			tp, ims = headWork(b)
			name = "head"
		}
		g := NewGrader(tp)
		p := g.prep(3)
		s := newState(p, ims, false)
		b.Run(name+"/reset", func(b *testing.B) {
			done := cpuPerOp(b)
			for b.Loop() {
				s.grid.Reset(s.pts, p.bounds, 0, p.surf)
			}
			done()
		})
		b.Run(name+"/nn", func(b *testing.B) {
			done := cpuPerOp(b)
			for b.Loop() {
				s.old = s
				s.bulkNN()
			}
			done()
		})
		b.Run(name+"/nninto", func(b *testing.B) {
			done := cpuPerOp(b)
			for b.Loop() {
				s.grid.NearestInto(s.nnj, s.gnn, nil)
			}
			done()
		})
		b.Run(name+"/clumps", func(b *testing.B) {
			done := cpuPerOp(b)
			for b.Loop() {
				s.old = s
				s.bulkClumps(s.gnn, false)
			}
			done()
		})
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
