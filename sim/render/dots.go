package render

import (
	"image"

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
// dilution, session): this assumes appearance.Dot does not depend on an
// impression's position or time, which holds for the agreed model.
func Dots(dst *image.RGBA, t *scalp.Template, ims []impression.Impression, v View, st appearance.Stage) {
	if t == nil || !v.Valid() || len(ims) == 0 {
		return
	}
	skin := hexOr(t.Skin, defaultSkin)
	dd := newDiscDrawer(dst)
	lc := lookCache{skin: skin, st: st}
	for i := range ims {
		im := &ims[i]
		x, y := v.ToPx(im.Pos)
		c, dMM := lc.get(im)
		dd.draw(x, y, dMM/2*v.PxPerMM, c)
	}
}

// lookKey is everything of an impression that its look may depend on.
type lookKey struct {
	diameter float64
	needle   impression.Needle
	depth    impression.Depth
	pigment  string
	dilution float64
	session  int
}

// lookCache memoises appearance.Dot for one skin and stage. Impressions
// come in runs with the same needle and pigment, so the last key is
// checked before the map.
type lookCache struct {
	skin    colorful.Color
	st      appearance.Stage
	hasLast bool
	last    lookKey
	lastC   linColour
	lastD   float64
	m       map[lookKey]cachedLook
}

type cachedLook struct {
	c linColour
	d float64
}

func (lc *lookCache) get(im *impression.Impression) (linColour, float64) {
	k := lookKey{im.DiameterMM, im.Needle, im.Depth, im.Pigment, im.Dilution, im.Session}
	if lc.hasLast && k == lc.last {
		return lc.lastC, lc.lastD
	}
	cl, ok := lc.m[k]
	if !ok {
		l := appearance.Dot(*im, lc.skin, lc.st)
		cl = cachedLook{toLin(l.Colour), l.DiameterMM}
		if lc.m == nil {
			lc.m = make(map[lookKey]cachedLook)
		}
		// A key holding NaN never equals itself and would grow the map
		// by one entry per dot; such looks are simply recomputed.
		if k == k {
			lc.m[k] = cl
		}
	}
	lc.hasLast, lc.last, lc.lastC, lc.lastD = true, k, cl.c, cl.d
	return cl.c, cl.d
}
