package report

import (
	"testing"
	"time"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
	"github.com/smptrainer/smp/sim/score"
)

// The class page's course units follow the gradebook's rule and code: a
// trainee who treated a minor is not yet competent for consultation,
// whatever the order the files were given in.
func TestCourseUnitsOnTheClassPage(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC) }
	file := func(name string, d int, s float64, faults ...score.FaultCode) *trainee {
		tv := &trainee{Name: name}
		c := score.Criterion{ID: "screening", Name: "Screening", Score: s}
		for _, f := range faults {
			c.Faults = append(c.Faults, score.Fault{Code: f})
		}
		tv.attempt = courseAttempt(tv, day(d), []score.Criterion{c})
		return tv
	}
	ts := []*trainee{file("bo", 3, 95, "treated-minor"), file("ann", 2, 90), file("bo", 1, 90), file("ann", 1, 85), file("bo", 2, 90), file("ann", 3, 99)}
	units, rows := courseUnits(ts, gradebook.DefaultRule)
	if len(units) != len(gradebook.Units) || len(rows) != 2 || rows[0].Name != "ann" {
		t.Fatalf("units %v rows %+v", units, rows)
	}
	if c := rows[0].Cells[0]; !c.Competent || c.Attempts != 3 {
		t.Errorf("ann consultation %+v", c)
	}
	if c := rows[1].Cells[0]; c.Competent || c.Attempts != 3 {
		t.Errorf("bo consultation %+v", c)
	}
}
