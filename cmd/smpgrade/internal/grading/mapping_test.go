package grading

import (
	"testing"

	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/mapping"
	"github.com/smptrainer/smp/sim/session"
)

// A design on its own is graded under "mapping" alone, for the
// exercise's client; with dots, the dots are graded against the
// trainee's line.
func TestDesignGradedInTheOneGradingPath(t *testing.T) {
	c, err := client.Lookup("c03")
	if err != nil {
		t.Fatal(err)
	}
	d := c.Design()
	d.Client = ""
	s := &session.Session{Template: c.Template, Exercise: "map-norwood3-mature", Number: 1, Design: &d}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	r, err := Grade("a.json", s)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Report.Criteria) != 1 || r.Report.Criteria[0].ID != mapping.ID {
		t.Fatalf("criteria %v, want mapping alone", r.Report.Criteria)
	}
	if r.Mapping == nil || r.Mapping.Client.ID != "c03" || r.Report.Overall != r.Report.Criteria[0].Score {
		t.Errorf("mapping %+v overall %.1f", r.Mapping, r.Report.Overall)
	}
	if got := r.Template.DesignHairline; len(got) != len(d.Line) || got[0] != d.Line[0] {
		t.Errorf("the graded template's design line is not the trainee's (%d points)", len(got))
	}

	// With dots and no exercise: the design's own client, the default
	// weights, the dot criteria graded on the trainee's line.
	d2 := c.Design()
	s2 := &session.Session{Template: c.Template, Number: 1, Design: &d2,
		Impressions: []impression.Impression{impression.New(geom.Pt(0, -60), impression.DefaultNeedle, 1, 0)}}
	r2, err := Grade("b.json", s2)
	if err != nil {
		t.Fatal(err)
	}
	if r2.Report.Criterion(mapping.ID) == nil || r2.Report.Criterion("density") == nil {
		t.Errorf("criteria %v, want the dot criteria and mapping", r2.Report.Criteria)
	}
	if w := r2.Report.Criterion(mapping.ID).Weight; w != mappingWeight {
		t.Errorf("default mapping weight %g, want %d", w, mappingWeight)
	}
}
