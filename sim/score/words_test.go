package score

import (
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
)

func TestWholeNeverShowsAFaultAsPerfect(t *testing.T) {
	for _, c := range []struct {
		s    float64
		want int
	}{{100, 100}, {fullMarks, 100}, {99.94, 99}, {99.5, 99}, {99.49, 99}, {0.4, 0}, {50.5, 51}} {
		if got := Whole(c.s); got != c.want {
			t.Errorf("Whole(%g) = %d, want %d", c.s, got, c.want)
		}
	}
}

// TestFullMarksSayNoFault: a criterion at full marks must not carry a
// fault's sentence (issue 12: "Density 100 beside 'Patchy: only 87%'").
// The work is thrown at random in every treated zone at its band's middle,
// made here rather than by sim/pattern, on every embedded template and
// session.
func TestFullMarksSayNoFault(t *testing.T) {
	ids := []string{"square20", "norwood3", "areata", "fut-scar", "ludwig2"}
	if testing.Short() {
		ids = ids[:2]
	}
	for _, id := range ids {
		g, err := Builtin(id)
		if err != nil {
			t.Fatal(err)
		}
		tp := g.Template()
		for sess := 1; sess <= 3; sess++ {
			var pts []geom.Point
			for zi, z := range tp.Zones {
				b := z.Targets[sess-1]
				if b.Max <= 0 {
					continue
				}
				n := int((b.Min + b.Max) / 2 * z.Polygon.Area() / 100)
				pts = append(pts, uniformIn(z.Polygon, n, uint64(100*sess+zi))...)
			}
			rep := g.Grade(dots(pts), sess, nil)
			for _, c := range rep.Criteria {
				if Whole(c.Score) < 100 {
					continue
				}
				for code, sp := range faultTable {
					if strings.HasPrefix(c.Feedback, sp.title+":") {
						t.Errorf("%s session %d: %s prints %d but says %q (fault %s)", id, sess, c.ID, Whole(c.Score), c.Feedback, code)
					}
				}
			}
		}
	}
}

// TestFullMarksDropsTheFaultSentence: finish drops the faults of a
// criterion that prints 100, and the sentence its first fault wrote goes
// with them (it kept "Overworked: …" beside a full score).
func TestFullMarksDropsTheFaultSentence(t *testing.T) {
	c := Criterion{ID: IDConsistency, Name: "Consistency", Score: 99.97}
	c.fault(FaultOverworked, nil, shareText(0.01), overworkFactor)
	r := &Report{Criteria: []Criterion{c}}
	finish(r, nil)
	got := r.Criteria[0]
	if len(got.Faults) != 0 || strings.HasPrefix(got.Feedback, FaultOverworked.Title()) {
		t.Errorf("full marks: faults %v, feedback %q", got.Faults, got.Feedback)
	}
}

// TestSharesNeverPrintZero: a share that costs points is never printed
// as "0.0%" beside the score it lowers ("Overworked: 0.0% of the area" at
// 99.6).
func TestSharesNeverPrintZero(t *testing.T) {
	for _, c := range []struct {
		pct  float64
		want string
	}{{0, "0%"}, {0.04, "under 0.1%"}, {0.05, "0.1%"}, {2.34, "2.3%"}} {
		if got := shareText(c.pct); got != c.want {
			t.Errorf("shareText(%g) = %q, want %q", c.pct, got, c.want)
		}
	}
	var c Criterion
	c.fault(FaultOverworked, nil, shareText(0.04), overworkFactor)
	if strings.Contains(c.Feedback, " 0.0%") {
		t.Errorf("overworked at 0.04%%: %q", c.Feedback)
	}
}
