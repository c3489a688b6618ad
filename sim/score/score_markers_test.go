package score

import (
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// TestFullMarksCarryNoMarkers: a criterion with nothing wrong shows no
// problem locations, and one with something wrong still does.
func TestFullMarksCarryNoMarkers(t *testing.T) {
	r := &Report{Criteria: []Criterion{
		{ID: IDUniformity, Score: 100, Markers: []geom.Point{{X: 1, Y: 2}}},
		{ID: IDGaps, Score: 60, Markers: []geom.Point{{X: 3, Y: 4}}},
	}}
	finish(r, nil)
	if n := len(r.Criteria[0].Markers); n != 0 {
		t.Errorf("full-marks criterion keeps %d markers", n)
	}
	if n := len(r.Criteria[1].Markers); n != 1 {
		t.Errorf("criterion at 60 has %d markers, want 1", n)
	}
	// And through Grade: every full-marks criterion of a real report.
	tpl, err := scalp.Lookup("square20")
	if err != nil {
		t.Fatal(err)
	}
	var ims []impression.Impression
	for i := range 20 {
		for j := range 20 {
			ims = append(ims, impression.New(geom.Pt(-9.5+float64(i), -9.5+float64(j)+0.3*float64(i%2)), impression.DefaultNeedle, 3, float64(i*20+j)))
		}
	}
	for _, c := range Grade(tpl, ims, 3, nil).Criteria {
		if c.Score >= fullMarks && len(c.Markers) > 0 {
			t.Errorf("%s scores %.2f yet has %d markers", c.ID, c.Score, len(c.Markers))
		}
	}
}
