package doc

import (
	"slices"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
)

// RemoveAt removes the impressions at the given indices (any order, no
// duplicates) and returns them in ascending index order. Commands call it
// (the eraser); use Do to make an undoable edit.
//
// Listeners hear one Removed per impression, in descending index order,
// each with the index it had before the edit; the list they read is the
// final one.
func (d *Doc) RemoveAt(idx []int) []impression.Impression {
	if len(idx) == 0 {
		return nil
	}
	idx = slices.Clone(idx)
	slices.Sort(idx)
	out := make([]impression.Impression, len(idx))
	for k, i := range idx {
		out[k] = d.ims[i]
		if z := d.zoneOf[i]; z >= 0 {
			d.counts[z]--
			if d.T.Zones[z].Treated() {
				d.treated--
			}
		}
	}
	keep := d.ims[:0]
	zones := d.zoneOf[:0]
	k := 0
	for i := range d.ims {
		if k < len(idx) && idx[k] == i {
			k++
			continue
		}
		keep = append(keep, d.ims[i])
		zones = append(zones, d.zoneOf[i])
	}
	d.ims, d.zoneOf = keep, zones
	// Indices after the first removed one all shift down.
	pos := make([]geom.Point, len(out))
	for k := range out {
		pos[k] = out[k].Pos
	}
	d.grid.removeShift(idx, pos)
	for k := len(idx) - 1; k >= 0; k-- {
		d.notify(Change{Kind: Removed, Index: idx[k], Im: out[k]})
	}
	return out
}

// InsertAt puts ims[k] back at index idx[k] of the final list, undoing a
// RemoveAt that returned ims for idx. idx must be ascending. Listeners hear
// one Inserted per impression, in ascending index order.
func (d *Doc) InsertAt(idx []int, ims []impression.Impression) {
	if len(idx) == 0 {
		return
	}
	n := len(d.ims) + len(idx)
	all := make([]impression.Impression, 0, n)
	zones := make([]int32, 0, n)
	k, j := 0, 0
	for i := range n {
		if k < len(idx) && idx[k] == i {
			all = append(all, ims[k])
			zones = append(zones, d.count(ims[k].Pos, +1))
			k++
			continue
		}
		all = append(all, d.ims[j])
		zones = append(zones, d.zoneOf[j])
		j++
	}
	d.ims, d.zoneOf = all, zones
	d.grid = newGrid(d.T.Bounds(), d.ims)
	for k := range idx {
		d.notify(Change{Kind: Inserted, Index: idx[k], Im: ims[k]})
	}
}

// SetNumber changes the treatment session the work is in (healing a
// session moves to the next). Every impression's look can change with it
// (earlier sessions show healed), so listeners hear a Reset.
func (d *Doc) SetNumber(n int) {
	d.Number = n
	d.notify(Change{Kind: Reset})
}
