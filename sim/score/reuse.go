package score

// A one-off grade of a large file fills arrays of a few bytes per dot
// (positions, zones, neighbours, merge sums, hairline stations) and per
// raster cell: 19 MB at 100,000 dots. Grader.Grade takes its state from a
// pool kept per template and session (prep.takeState) and measures into
// the arrays the previous grade left there, so grading a class's files
// in turn reuses them instead of allocating them again and leaving them
// to the garbage collector.

// reuse returns buf resized to n elements, on its own array when that
// holds n. The elements keep whatever values they had: for arrays whose
// every element the caller writes.
func reuse[T any](buf []T, n int) []T {
	if cap(buf) >= n {
		return buf[:n]
	}
	return make([]T, n)
}

// cleared is reuse with every element set to its zero value.
func cleared[T any](buf []T, n int) []T {
	if cap(buf) >= n {
		buf = buf[:n]
		clear(buf)
		return buf
	}
	return make([]T, n)
}

// takeState returns a state to measure a one-off grade into: one a
// previous grade gave back (putState), whose arrays measure reuses, or a
// new one.
func (p *prep) takeState() *state {
	if s, ok := p.states.Get().(*state); ok {
		return s
	}
	return new(state)
}

// putState gives back the state of a one-off grade whose report is made
// (nothing in a Report refers to its arrays). Its grid of every dot goes
// with it, for the next grade to index its own dots on (spatial.Grid.Reset
// reuses the arrays); the zone grids, which only a Live builds, do not.
func (p *prep) putState(s *state) {
	clear(s.zg)
	p.states.Put(s)
}
