// Package grading is what every smpgrade subcommand that grades session
// files shares (score, record, report): which criterion weights a file is
// graded with, the grading itself, and how the numbers are rounded and
// written for people. One place, so the subcommands cannot disagree about
// a file's grade.
package grading

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/smptrainer/smp/sim/consult"
	"github.com/smptrainer/smp/sim/exercise"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
	"github.com/smptrainer/smp/sim/session"
)

// Weights picks the criterion weights s is graded with: the exercise's,
// when s names a shipped exercise set on s's own template; else the
// default (nil) weights. from is the exercise the weights come from (nil
// for the defaults); why says why an exercise s names was not used ("" when
// it names none, or it was used).
func Weights(s *session.Session) (w score.Weights, from *exercise.Exercise, why string) {
	if s.Exercise == "" {
		return nil, nil, ""
	}
	ex, err := exercise.Lookup(s.Exercise)
	switch {
	case err != nil:
		return nil, nil, "not a shipped exercise"
	case ex.Template != s.Template:
		return nil, nil, fmt.Sprintf("the exercise is set on %s, not %s", ex.Template, s.Template)
	}
	return score.Weights(ex.Weights), ex, ""
}

// Result is one graded session.
type Result struct {
	Session  *session.Session
	Template *scalp.Template
	// Grader is the grader of Template that graded Report, for more
	// measures of the same work (the hairline profile) without preparing
	// the template again: shared across files on an embedded template
	// (score.Builtin), the file's own when it has a hairline design.
	Grader *score.Grader
	Report *score.Report
	// Exercise is the exercise whose weights were used; nil for the
	// default weights, and then NotUsed says why an exercise the file
	// names was not used ("" when it names none).
	Exercise *exercise.Exercise
	NotUsed  string
	// Mapping is the graded hairline design; nil when the file has none.
	// Its criterion is in Report too, and Template is then the session's
	// template with the trainee's line as its design hairline.
	Mapping *Mapping
	// Consultation is the graded consultation, with its answer key and
	// feedback per item; nil when the file has none. Its criteria are in
	// Report too.
	Consultation *consult.Result
}

// Deadline bounds the time Grade spends on one file, so one hostile or
// runaway file cannot stall a class's batch: past it, Grade gives up with an
// error naming the file and grading goes on with the next. The grader's
// work is near-linear in the impressions (a million grade in seconds), so
// the default is far above anything real work needs (model assumption).
// smpgrade's --deadline sets it; 0 or less means no deadline.
var Deadline = 60 * time.Second

// Grade grades s, read from path (named in the error): it looks up the
// template and grades the impressions with the weights Weights picks. It
// gives up after Deadline.
func Grade(path string, s *session.Session) (*Result, error) {
	d := Deadline
	if d <= 0 {
		return grade(path, s)
	}
	type answer struct {
		r   *Result
		err error
	}
	done := make(chan answer, 1)
	go func() {
		r, err := grade(path, s)
		done <- answer{r, err}
	}()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case a := <-done:
		return a.r, a.err
	case <-timer.C:
		// The abandoned grade runs on to its end in the background; its
		// work is bounded, so it only costs CPU, never the batch.
		return nil, fmt.Errorf("%s: gave up after %s grading %d impressions (the per-file deadline; see --deadline)", path, d, len(s.Impressions))
	}
}

// grade is Grade without the deadline.
func grade(path string, s *session.Session) (*Result, error) {
	gr, err := score.Builtin(s.Template)
	if err != nil { // a decoded session names a known template, so only a registry failure gets here
		return nil, fmt.Errorf("%s: template: %v", path, err)
	}
	t := gr.Template()
	w, ex, why := Weights(s)
	var m *Mapping
	if s.Design != nil {
		if m, err = gradeDesign(s, t, ex); err != nil {
			return nil, fmt.Errorf("%s: design: %v", path, err)
		}
		t = m.Template
		gr = score.NewGrader(t) // the trainee's own line: a template of this file's own
	}
	r := &Result{Session: s, Template: t, Grader: gr, Report: gr.Grade(s.Impressions, s.Number, w), Exercise: ex, NotUsed: why, Mapping: m}
	if len(s.Impressions) == 0 && (s.Design != nil || s.Consultation != nil) {
		// A design or a consultation on its own (a mapping or consultation
		// exercise, a client postponed or declined): there are no dots to
		// grade.
		r.Report.Criteria = r.Report.Criteria[:0]
	}
	if m != nil {
		r.Report.Attach(w, m.Criterion)
	}
	if s.Consultation != nil {
		cr, err := consult.Grade(s.Consultation)
		if err != nil { // a decoded session's consultation validates, so only a rule-file failure gets here
			return nil, fmt.Errorf("%s: consultation: %v", path, err)
		}
		consult.Attach(r.Report, cr, w)
		r.Consultation = cr
	}
	return r, nil
}

// Load reads, validates and grades the session file at path. The error is
// one line naming path ("PATH: FIELD: PROBLEM" for a bad file).
func Load(path string) (*Result, error) {
	warmTemplates()
	s, err := session.Load(path)
	if err != nil {
		return nil, err // *session.Error
	}
	return Grade(path, s)
}

// warmTemplates builds the embedded templates in the background on the
// first Load, so that building them (a tenth of a second) overlaps reading
// the first file, which needs them only once it is read: a one-file
// "smpgrade score" then waits for the longer of the two, not their sum,
// when a second core is free.
var warmTemplates = sync.OnceFunc(func() { go scalp.LoadError() })

// Clean rounds v to 4 decimals, the most any output shows, and maps NaN
// and ±Inf (which JSON cannot hold) to 0.
func Clean(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return math.Round(v*1e4) / 1e4
}

// CriterionValue writes c's measured value with its unit (ValueText), or
// "—" when there was nothing to measure: never a 0.00 that was not
// measured.
func CriterionValue(c *score.Criterion) string {
	if c.Unmeasured {
		return "—"
	}
	return ValueText(c.Value, c.Unit)
}

// ValueText writes a criterion's measured value with its unit: two
// decimals, none from 100 up; units starting with "/" and "%" follow the
// number directly, others after a space.
func ValueText(v float64, unit string) string {
	s := fmt.Sprintf("%.2f", v)
	if math.Abs(v) >= 100 {
		s = fmt.Sprintf("%.0f", v)
	}
	switch {
	case unit == "":
		return s
	case strings.HasPrefix(unit, "/") || unit == "%":
		return s + unit
	}
	return s + " " + unit
}
