package geom

// Crossing returns the first pair of non-adjacent segments of the chain
// that cross or touch, as the indexes i < j of their first points, and
// whether there is one: a hairline drawn back over itself. Segments that
// share an end point (neighbours) do not count. It is O(n²), fine for the
// few hundred points of a drawn line.
func (pl Polyline) Crossing() (i, j int, found bool) {
	for i = 0; i+1 < len(pl); i++ {
		for j = i + 2; j+1 < len(pl); j++ {
			if segmentsCross(pl[i], pl[i+1], pl[j], pl[j+1]) {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}
