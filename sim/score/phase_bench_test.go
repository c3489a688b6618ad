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
		// The phases that refill state arrays set s.old = s first, so they
		// reuse them as a grade after a grade does.
		phases := []struct {
			name string
			run  func()
		}{
			{"reset", func() { s.grid.Reset(s.pts, p.bounds, 0, p.surf) }},
			{"nn", func() { s.old = s; s.bulkNN() }},
			{"nninto", func() { s.grid.NearestInto(s.nnj, s.gnn) }},
			{"clumps", func() { s.old = s; s.bulkClumps(s.gnn, false) }},
			{"cover", func() { s.old = s; s.bulkCover() }},
			{"cells", func() { s.old = s; s.bulkCells() }},
		}
		for _, ph := range phases {
			b.Run(name+"/"+ph.name, func(b *testing.B) {
				done := cpuPerOp(b)
				for b.Loop() {
					ph.run()
				}
				done()
			})
		}
	}
}
