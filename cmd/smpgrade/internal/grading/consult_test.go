package grading

import (
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/consult"
	"github.com/smptrainer/smp/sim/session"
)

// A consultation in a session file is graded by the one grading path, and
// a consultation alone is what the overall score is made of.
func TestGradeConsultation(t *testing.T) {
	grade := func(obj string) *Result {
		t.Helper()
		s, err := session.Decode(strings.NewReader(`{"format":"smp-session","version":1,"template":"norwood5","impressions":[],"consultation":`+obj+`}`), "c.json")
		if err != nil {
			t.Fatal(err)
		}
		r, err := Grade("c.json", s)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := grade(`{"client": "c07", "decision": "postpone", "postpone_days": 30, "reasons": ["psoriasis-flare"]}`)
	sc := r.Report.Criterion(consult.IDScreening)
	if sc == nil || sc.Score < 90 || r.Report.Overall != sc.Score || len(r.Report.Criteria) != 1 {
		t.Fatalf("postponing c07's flare 30 days: %+v", r.Report.Criteria)
	}
	r = grade(`{"client": "c13", "decision": "treat"}`)
	if sc := r.Report.Criterion(consult.IDScreening); sc.Score != 0 || len(r.Consultation.AlwaysWrong) == 0 {
		t.Fatalf("treating the 17-year-old: %+v", sc)
	}
}
