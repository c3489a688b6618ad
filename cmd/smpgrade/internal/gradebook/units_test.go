package gradebook

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// unitAttempt is an attempt whose consultation scores s and whose dots
// score dots, with the given consultation faults.
func unitAttempt(i int, s, dots float64, faults ...string) Attempt {
	a := attempt("ann", i)
	a.Criteria = []Score{{ID: "density", Name: "Density", Score: dots}, {ID: "screening", Name: "Screening", Score: s}}
	for _, f := range faults {
		a.Faults = append(a.Faults, Fault{Criterion: "screening", Code: f})
	}
	return a
}

func unit(t *testing.T, recs []UnitRecord, id string) UnitRecord {
	t.Helper()
	for _, r := range recs {
		if r.Unit == id {
			return r
		}
	}
	t.Fatalf("no unit %s", id)
	return UnitRecord{}
}

func TestCourseRecordVerdicts(t *testing.T) {
	r := Rule{Last: 3, Min: 80}
	atts := []Attempt{unitAttempt(0, 60, 70, "postpone-too-short"), unitAttempt(1, 85, 90, "postpone-too-short"), unitAttempt(2, 90, 92), unitAttempt(3, 95, 95)}
	recs := CourseRecord(atts, r)
	c := unit(t, recs, "consultation")
	if c.Verdict != Competent || c.Attempts != 4 || c.Best != 95 || c.Latest != 95 {
		t.Errorf("consultation %+v", c)
	}
	if len(c.Recurring) != 1 || c.Recurring[0] != (FaultCount{"postpone-too-short", 2}) {
		t.Errorf("recurring %+v", c.Recurring)
	}
	if tq := unit(t, recs, "technique"); tq.Verdict != Competent {
		t.Errorf("technique %+v", tq)
	}
	if col := unit(t, recs, "colour"); col.Verdict != NotCompetent || col.Attempts != 0 || col.Why != "no attempts yet" {
		t.Errorf("colour %+v", col)
	}
	// Treating a minor in the latest attempt: not yet competent for the
	// consultation unit, however high every score is.
	atts = append(atts, unitAttempt(4, 100, 100, "treated-minor"))
	recs = CourseRecord(atts, r)
	if c := unit(t, recs, "consultation"); c.Verdict != NotCompetent || !strings.Contains(c.Why, "treated-minor") {
		t.Errorf("after treating a minor: %+v", c)
	}
	if tq := unit(t, recs, "technique"); tq.Verdict != Competent {
		t.Errorf("the dots unit is not the consultation's: %+v", tq)
	}
	// Too few attempts, and one under the bar.
	if c := unit(t, CourseRecord(atts[2:4], r), "consultation"); c.Verdict != NotCompetent || !strings.Contains(c.Why, "2 of the 3") {
		t.Errorf("two attempts: %+v", c)
	}
	if c := unit(t, CourseRecord(atts[:3], r), "consultation"); c.Verdict != NotCompetent || !strings.Contains(c.Why, "1 under 80") {
		t.Errorf("one low: %+v", c)
	}
}

func TestParseRule(t *testing.T) {
	for in, want := range map[string]string{"last=3,min=80": "last=3,min=80", "min=70": "last=3,min=70", "last=1": "last=1,min=80"} {
		r, err := ParseRule(in)
		if err != nil || r.String() != want {
			t.Errorf("%s: %v %v", in, r, err)
		}
	}
	for _, bad := range []string{"last=0", "min=101", "last=x", "foo=1", "3"} {
		if _, err := ParseRule(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestCourseRecordStored(t *testing.T) {
	b, _ := openTemp(t)
	for i := range 3 {
		a := unitAttempt(i, 90, 90, "reason-missing")
		a.Date = time.Date(2026, 10, 1+i, 9, 0, 0, 0, time.UTC)
		a.FileSHA256 = fmt.Sprintf("%064d", i)
		if _, _, err := b.Record(&a); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.SetCompetencyRule(Rule{Last: 2, Min: 95}); err != nil {
		t.Fatal(err)
	}
	h, err := b.History("ann")
	if err != nil {
		t.Fatal(err)
	}
	c := unit(t, h.Units, "consultation")
	if h.Rule != (Rule{2, 95}) || c.Verdict != NotCompetent || len(c.Recurring) != 1 || c.Recurring[0].Count != 3 {
		t.Errorf("rule %v, consultation %+v", h.Rule, c)
	}
	if len(h.Attempts[0].Faults) != 1 || h.Attempts[0].Faults[0].Code != "reason-missing" {
		t.Errorf("faults read back as %+v", h.Attempts[0].Faults)
	}
}
