package grading

import (
	"maps"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/smptrainer/smp/sim/exercise"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
	"github.com/smptrainer/smp/sim/session"
)

// TestWeights: the exercise's weights on its own template; the defaults,
// with the reason, for an unknown exercise or one set on another template.
func TestWeights(t *testing.T) {
	exs := exercise.All()
	if len(exs) == 0 {
		t.Skip("no shipped exercises")
	}
	ex := exs[0]
	other := "square20"
	if ex.Template == other {
		other = "norwood3"
	}
	for _, c := range []struct {
		s       session.Session
		want    score.Weights
		from    *exercise.Exercise
		whyHas  string
		whyNone bool
	}{
		{session.Session{Template: ex.Template}, nil, nil, "", true},
		{session.Session{Template: ex.Template, Exercise: ex.ID}, score.Weights(ex.Weights), ex, "", true},
		{session.Session{Template: ex.Template, Exercise: "no-such-exercise"}, nil, nil, "not a shipped exercise", false},
		{session.Session{Template: other, Exercise: ex.ID}, nil, nil, "set on " + ex.Template, false},
	} {
		w, from, why := Weights(&c.s)
		if !maps.Equal(w, c.want) || (from == nil) != (c.from == nil) || (from != nil && from.ID != c.from.ID) ||
			(c.whyNone && why != "") || !strings.Contains(why, c.whyHas) {
			t.Errorf("%s on %s: weights %v from %v, why %q", c.s.Exercise, c.s.Template, w, from, why)
		}
	}
}

// TestLoad: a file loads and grades as score.Grade grades it; a missing
// file's error names it.
func TestLoad(t *testing.T) {
	tp, err := scalp.Lookup("square20")
	if err != nil {
		t.Fatal(err)
	}
	ims, err := pattern.Generate(tp, pattern.Clumped, 1, 5)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "a.json")
	if err := session.Save(path, &session.Session{Template: tp.ID, Number: 1, Impressions: ims}); err != nil {
		t.Fatal(err)
	}
	g, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := score.Grade(tp, ims, 1, nil).Overall; g.Report.Overall != want || g.Template.ID != tp.ID || g.Exercise != nil {
		t.Errorf("overall %v on %s (exercise %v), want %v on %s", g.Report.Overall, g.Template.ID, g.Exercise, want, tp.ID)
	}
	missing := filepath.Join(t.TempDir(), "missing.json")
	if _, err := Load(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: %v", err)
	}
}

func TestCleanAndValueText(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{
		{math.NaN(), 0}, {math.Inf(1), 0}, {math.Inf(-1), 0}, {1.234567, 1.2346}, {-2.00004, -2},
	} {
		if got := Clean(c.in); got != c.want {
			t.Errorf("Clean(%v) = %v, want %v", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		v    float64
		unit string
		want string
	}{{1.5, "", "1.50"}, {45.25, "/cm²", "45.25/cm²"}, {12, "%", "12.00%"}, {0.4, "mm", "0.40 mm"}, {123.4, "mm", "123 mm"}} {
		if got := ValueText(c.v, c.unit); got != c.want {
			t.Errorf("ValueText(%v, %q) = %q, want %q", c.v, c.unit, got, c.want)
		}
	}
}

// TestDeadline: past the per-file deadline Grade gives up with one line
// naming the file, instead of stalling a batch.
func TestDeadline(t *testing.T) {
	tp, err := scalp.Lookup("norwood3")
	if err != nil {
		t.Fatal(err)
	}
	ims, err := pattern.Generate(tp, pattern.Expert, 3, 5)
	if err != nil {
		t.Fatal(err)
	}
	old := Deadline
	defer func() { Deadline = old }()
	Deadline = time.Nanosecond
	_, err = Grade("slow.json", &session.Session{Template: tp.ID, Number: 3, Impressions: ims})
	if err == nil || !strings.HasPrefix(err.Error(), "slow.json: gave up after") {
		t.Errorf("a grade past the deadline: %v, want an error naming the file", err)
	}
	Deadline = 0 // none
	if _, err := Grade("slow.json", &session.Session{Template: tp.ID, Number: 3, Impressions: ims}); err != nil {
		t.Errorf("without a deadline: %v", err)
	}
}
