package render

import (
	"image"
	"math"

	"github.com/lucasb-eyer/go-colorful"

	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// Dots draws each impression as an anti-aliased disc of the colour and
// diameter appearance.Dot gives it on the template's skin at stage st,
// composited in linear light in the order given (later dots on top).
//
// Only dots whose disc meets dst.Bounds() are drawn, and only those pixels
// are touched, so redrawing a dirty rectangle costs a bounds test per
// impression plus the pixels of the few dots inside it. A dot smaller than
// a pixel still shows: its area is shared among the pixels around its
// centre, so it darkens them by exactly its share. Impressions with a
// non-finite position or a non-positive diameter are skipped.
//
// Looks are computed once per distinct (diameter, needle, depth, pigment,
// dilution, session), except for the impressions appearance.VariesPerDot
// says depend on their position and time as well.
func Dots(dst *image.RGBA, t *scalp.Template, ims []impression.Impression, v View, st appearance.Stage) {
	if t == nil || !v.Valid() || len(ims) == 0 {
		return
	}
	skin := hexOr(t.Skin, defaultSkin)
	dd := newDiscDrawer(dst)
	lc := &lookCache{skin: skin, st: st}
	b := dst.Bounds()
	for i := range ims {
		im := &ims[i]
		x, y := v.ToPx(im.Pos)
		// Reject dots far from dst before looking up their look, so a
		// dirty-rectangle redraw costs a few comparisons per impression.
		// The comparisons are false for NaN, which drops broken positions.
		reach := im.DiameterMM*maxGrowth/2*v.PxPerMM + 1
		if !(x+reach >= float64(b.Min.X)) || !(x-reach <= float64(b.Max.X)) ||
			!(y+reach >= float64(b.Min.Y)) || !(y-reach <= float64(b.Max.Y)) {
			continue
		}
		c, dMM := lc.get(im)
		dd.draw(x, y, dMM/2*v.PxPerMM, c)
	}
}

// maxGrowth bounds how much wider a dot can look, at any stage, than the
// diameter it was placed with; Dots uses it to skip far dots without
// computing their look. A blown-out dot spreads up to 3× (domain.md §2) and
// aging spreads it a little more; 8 leaves a wide margin, and
// TestAppearanceGrowthBound fails if the appearance model ever exceeds it.
const maxGrowth = 8

// lookKey is everything of an impression that its look may depend on.
type lookKey struct {
	diameter float64
	needle   impression.Needle
	depth    impression.Depth
	pigment  string
	dilution float64
	session  int
}

// lookCache memoises appearance.Dot for one skin and stage in a small
// direct-mapped table: impressions use a handful of needle × pigment ×
// dilution combinations, and a slot hit costs a hash of a few words and one
// key comparison, so even the bounds test of a dirty-rectangle redraw over
// 100,000 impressions stays cheap.
type lookCache struct {
	skin  colorful.Color
	st    appearance.Stage
	slots [lookSlots]lookSlot
}

// lookSlots is the table size: a power of two comfortably above the number
// of distinct looks in a real session.
const lookSlots = 64

type lookSlot struct {
	ok  bool
	key lookKey
	c   linColour
	d   float64
}

func (k *lookKey) hash() uint64 {
	h := math.Float64bits(k.diameter)*0x9E3779B97F4A7C15 ^
		math.Float64bits(k.dilution)*0xC2B2AE3D27D4EB4F ^
		math.Float64bits(k.needle.GaugeMM)*0x165667B19E3779F9 ^
		uint64(k.session)*0xD6E8FEB86659FD93 ^
		uint64(len(k.pigment))<<7 ^ uint64(len(k.depth))<<13 ^ uint64(len(k.needle.Grouping))<<17
	if n := len(k.pigment); n > 0 {
		h ^= uint64(k.pigment[0])<<23 ^ uint64(k.pigment[n-1])<<31
	}
	return h ^ h>>29
}

func (lc *lookCache) get(im *impression.Impression) (linColour, float64) {
	if appearance.VariesPerDot(*im) {
		// This look depends on the dot's position and time too (a
		// shallow dot heals patchily): never cache it.
		l := appearance.Dot(*im, lc.skin, lc.st)
		return toLin(l.Colour), l.DiameterMM
	}
	k := lookKey{im.DiameterMM, im.Needle, im.Depth, im.Pigment, im.Dilution, im.Session}
	sl := &lc.slots[k.hash()&(lookSlots-1)]
	if sl.ok && sl.key == k {
		return sl.c, sl.d
	}
	l := appearance.Dot(*im, lc.skin, lc.st)
	// A key holding NaN never equals itself, so it is recomputed each
	// time: correct, merely slow for a broken file.
	*sl = lookSlot{true, k, toLin(l.Colour), l.DiameterMM}
	return sl.c, sl.d
}
