package score

import (
	"encoding/json"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/scalp"
)

// zoneFill is blue noise in every zone treated this session, at the middle
// of its band: right on density by construction, with no hairline craft.
func zoneFill(tp *scalp.Template, sess int) []geom.Point {
	var pts []geom.Point
	for i, z := range tp.Zones {
		if b := z.Target(sess); b.Max > 0 {
			pts = append(pts, poissonDiskDensity(z.Polygon, b.Mid(), uint64(i+1))...)
		}
	}
	return pts
}

// Every embedded template grades: the criteria that apply and only those,
// density on target for a fill that follows the bands, JSON-safe reports.
func TestEmbeddedTemplates(t *testing.T) {
	all := scalp.All()
	if len(all) == 0 {
		t.Skip("no embedded templates")
	}
	for _, tp := range all {
		for _, sess := range []int{1, 3} {
			r := Grade(tp, dots(zoneFill(tp, sess)), sess, nil)
			if _, err := json.Marshal(r); err != nil {
				t.Fatalf("%s s%d: %v", tp.ID, sess, err)
			}
			if c := r.Criterion(IDDensity); c.Score < 90 {
				t.Errorf("%s s%d: band-following fill scores %.1f on density: %s", tp.ID, sess, c.Score, c.Feedback)
			}
			wantHair := false
			for _, z := range tp.Zones {
				if (z.Kind == scalp.Transition || z.Kind == scalp.Frontal) && z.Target(sess).Max > 0 && (len(tp.DesignHairline) >= 2 || tp.Landmarks != nil) {
					wantHair = true
				}
			}
			if got := r.Criterion(IDHairline) != nil; got != wantHair {
				t.Errorf("%s s%d: hairline criterion present = %v, want %v", tp.ID, sess, got, wantHair)
			}
			if got := r.Criterion(IDBlending) != nil; got && len(tp.Hair) == 0 {
				t.Errorf("%s s%d: blending without existing hair", tp.ID, sess)
			}
			if got := r.Criterion(IDScars) != nil; got != (len(tp.Scars) > 0) {
				t.Errorf("%s s%d: scars criterion present = %v with %d scars", tp.ID, sess, got, len(tp.Scars))
			}
		}
	}
}
