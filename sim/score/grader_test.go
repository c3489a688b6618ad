package score

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/scalp"
)

// graderCase is one piece of work to grade: generated on tp for a session.
type graderCase struct {
	name string
	tp   *scalp.Template
	sess int
	ims  []impression.Impression
}

// graderCases is expert and faulty work on templates of every kind (a
// hairline, scars, a patch, a flat square) in every session: generated
// once for the tests that share it (generating is most of their time).
func graderCases(t *testing.T) []graderCase {
	graderCaseSet.once.Do(func() {
		for _, id := range []string{"norwood3", "fut-scar", "areata", "square20"} {
			tp, err := scalp.Lookup(id)
			if err != nil {
				graderCaseSet.err = err
				return
			}
			for sess := 1; sess <= 3; sess++ {
				for _, style := range []string{pattern.Expert, pattern.Hardline, pattern.Clumped} {
					ims, err := pattern.Generate(tp, style, sess, 3)
					if err != nil {
						continue // a style that does not apply to the template
					}
					graderCaseSet.cs = append(graderCaseSet.cs, graderCase{fmt.Sprintf("%s s%d %s", id, sess, style), tp, sess, ims})
				}
			}
		}
	})
	if graderCaseSet.err != nil {
		t.Fatal(graderCaseSet.err)
	}
	if len(graderCaseSet.cs) == 0 {
		t.Fatal("no work generated")
	}
	return graderCaseSet.cs
}

var graderCaseSet struct {
	once sync.Once
	cs   []graderCase
	err  error
}

func reportJSON(t *testing.T, r *Report) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A Grader held across many grades (in any order, sessions interleaved,
// from several goroutines at once) reports exactly what a grader built
// afresh for each piece of work reports: it keeps only what depends on
// the template, never anything of an earlier grade. Its hairline profile
// and a Live started from it agree too.
func TestGraderHeldAgreesWithFresh(t *testing.T) {
	cs := graderCases(t)
	want := make([]string, len(cs))
	wantProf := make([]string, len(cs))
	for i, c := range cs {
		g := NewGrader(c.tp)
		want[i] = reportJSON(t, g.Grade(c.ims, c.sess, nil))
		p, _ := json.Marshal(NewGrader(c.tp).HairlineProfile(c.ims, c.sess, 2))
		wantProf[i] = string(p)
	}
	held := map[string]*Grader{}
	for _, c := range cs {
		if held[c.tp.ID] == nil {
			g, err := Builtin(c.tp.ID)
			if err != nil {
				t.Fatal(err)
			}
			held[c.tp.ID] = g
		}
	}
	order := rand.New(rand.NewPCG(1, 2)).Perm(len(cs))
	var wg sync.WaitGroup
	got := make([]string, len(cs))
	gotProf := make([]string, len(cs))
	for w := range 3 {
		wg.Go(func() {
			for k := w; k < len(order); k += 3 {
				i := order[k]
				c := cs[i]
				g := held[c.tp.ID]
				got[i] = reportJSON(t, g.Grade(c.ims, c.sess, nil))
				p, _ := json.Marshal(g.HairlineProfile(c.ims, c.sess, 2))
				gotProf[i] = string(p)
			}
		})
	}
	wg.Wait()
	for i, c := range cs {
		if got[i] != want[i] {
			t.Errorf("%s: a held grader's report differs from a fresh grader's:\n held  %s\n fresh %s", c.name, got[i], want[i])
		}
		if gotProf[i] != wantProf[i] {
			t.Errorf("%s: a held grader's hairline profile differs from a fresh grader's", c.name)
		}
	}
	// The package-level conveniences build a grader of their own.
	c := cs[len(cs)-1]
	if r := reportJSON(t, Grade(c.tp, c.ims, c.sess, nil)); r != want[len(cs)-1] {
		t.Errorf("%s: score.Grade differs from Grader.Grade", c.name)
	}
}

// Builtin hands out one grader per embedded template, on the registry's
// own template; an unknown id is scalp.Lookup's error.
func TestBuiltin(t *testing.T) {
	a, err := Builtin("norwood3")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Builtin("norwood3")
	tp, _ := scalp.Lookup("norwood3")
	if a != b || a.Template() != tp {
		t.Errorf("Builtin(norwood3) = %p then %p on %p, want one grader on scalp.Lookup's %p", a, b, a.Template(), tp)
	}
	if _, err := Builtin("no-such-template"); !errors.Is(err, scalp.ErrUnknownTemplate) {
		t.Errorf("Builtin(no-such-template): err = %v, want scalp.ErrUnknownTemplate", err)
	}
}

// A grader grades the template it was built on: a changed copy of a
// template, given its own grader, is graded on its own content, with
// nothing shared with the original's grader (the old cache keyed by a hash
// of the content went stale when a field was left out of the hash).
func TestGraderOwnTemplate(t *testing.T) {
	tp, err := scalp.Lookup("square20")
	if err != nil {
		t.Fatal(err)
	}
	ims, err := pattern.Generate(tp, pattern.Expert, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	orig := NewGrader(tp).Grade(ims, 3, nil)
	// The same work judged against half the session's density.
	half := *tp
	half.Zones = append([]scalp.Zone(nil), tp.Zones...)
	for i := range half.Zones {
		for k := range half.Zones[i].Targets { // an array: the copy's own
			half.Zones[i].Targets[k].Min /= 2
			half.Zones[i].Targets[k].Max /= 2
		}
	}
	hr := NewGrader(&half).Grade(ims, 3, nil)
	if hr.Zones[0].TargetMax != orig.Zones[0].TargetMax/2 {
		t.Errorf("changed template graded against target %.1f, want %.1f", hr.Zones[0].TargetMax, orig.Zones[0].TargetMax/2)
	}
	if hr.Criterion(IDDensity).Score >= orig.Criterion(IDDensity).Score {
		t.Errorf("work at twice the changed template's target scores %.1f on density, not below the original's %.1f",
			hr.Criterion(IDDensity).Score, orig.Criterion(IDDensity).Score)
	}
	if again := NewGrader(tp).Grade(ims, 3, nil); reportJSON(t, again) != reportJSON(t, orig) {
		t.Error("grading the changed copy changed the original's grade")
	}
}

// A grader's grades reuse the arrays of the grade before (prep.takeState):
// grading the cases one after another on one grader, each between a
// larger and a smaller piece of work on the same template and session,
// reports what a fresh grader reports, so nothing of an earlier grade
// leaks into a later one (the reference: a state of its own).
func TestGradeAfterGradeAgreesWithFresh(t *testing.T) {
	cs := graderCases(t)
	graders := map[string]*Grader{}
	for i, c := range cs {
		g := graders[c.tp.ID]
		if g == nil {
			g = NewGrader(c.tp)
			graders[c.tp.ID] = g
		}
		// A state of its own, as a grader without the pool would measure.
		want := reportJSON(t, newState(g.prep(c.sess), c.ims, false).report(nil))
		// A piece of work twice as large (the case's dots and their
		// mirror image), then one of half the size, graded first.
		more := append([]impression.Impression(nil), c.ims...)
		for _, im := range c.ims {
			im.Pos.X = -im.Pos.X
			more = append(more, im)
		}
		for _, before := range [][]impression.Impression{more, c.ims[:len(c.ims)/2], cs[(i+1)%len(cs)].ims} {
			g.Grade(before, c.sess, nil)
			if got := reportJSON(t, g.Grade(c.ims, c.sess, nil)); got != want {
				t.Errorf("%s: graded after %d dots, the report differs from a fresh grader's:\n got  %s\n want %s", c.name, len(before), got, want)
			}
		}
	}
}
