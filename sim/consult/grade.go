package consult

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/score"
)

// Criterion ids of a consultation's grade.
const (
	IDScreening = "screening"
	IDPlan      = "plan"
	IDAftercare = "aftercare"
)

// DefaultWeights are the consultation criteria's weights in a file's
// overall score when its exercise gives none: screening, the safety
// decision, counts double. *Model assumption.*
var DefaultWeights = score.Weights{IDScreening: 2, IDPlan: 1, IDAftercare: 1}

// Fault codes the consultation criteria give besides the rules' own
// (Rule.Fault, Tell.Fault).
const (
	FaultPostponeTooShort score.FaultCode = "postpone-too-short"
	FaultPostponeTooLong  score.FaultCode = "postpone-too-long"
	FaultOverCautious     score.FaultCode = "over-cautious"
	FaultReasonMissing    score.FaultCode = "reason-missing"
	FaultReasonUnfounded  score.FaultCode = "reason-unfounded"
	FaultNoPlan           score.FaultCode = "no-plan"
	FaultNoPatchTest      score.FaultCode = "no-patch-test"
	FaultPatchTestLate    score.FaultCode = "patch-test-too-late"
	FaultSessions         score.FaultCode = "sessions-out-of-range"
	FaultInterval         score.FaultCode = "interval-out-of-range"
	FaultStartTooDark     score.FaultCode = "started-too-dark"
	FaultHairlineUnsuited score.FaultCode = "hairline-unsuited"
	FaultNoAftercare      score.FaultCode = "no-aftercare"
	FaultInfectionSigns   score.FaultCode = "missing-infection-signs"
	FaultAllergySigns     score.FaultCode = "missing-allergy-signs"
	FaultNormalAsAlarm    score.FaultCode = "normal-healing-as-alarm"
)

// Note is the feedback on one item of a consultation: what it was, whether
// it was right, and why, from the sources. The trainer shows one per item;
// the criterion's feedback sentence is the first wrong one.
type Note struct {
	// Criterion is the criterion the item belongs to.
	Criterion string `json:"criterion"`
	// Item locates it: "decision", "reasons", "plan.sessions",
	// "aftercare.washing", "aftercare.see_doctor".
	Item string `json:"item"`
	// Code is the fault, "" when the item is right.
	Code score.FaultCode `json:"code,omitempty"`
	// Text says what is right or wrong and why, citing the sources.
	Text string `json:"text"`
}

// OK reports whether the item was right.
func (n Note) OK() bool { return n.Code == "" }

// Result is a graded consultation.
type Result struct {
	// Key is the case's answer key.
	Key Key `json:"key"`
	// Criteria are screening, then plan and aftercare when they apply
	// (they do when written, or when the decision is to treat).
	Criteria []score.Criterion `json:"criteria"`
	// Notes are the feedback per item, in criterion order.
	Notes []Note `json:"notes"`
	// AlwaysWrong lists the always-wrong answers given (treated a minor,
	// treated an intoxicated client, told a client to stop a prescribed
	// medicine): any one fails the consultation unit whatever the scores.
	AlwaysWrong []score.FaultCode `json:"always_wrong"`
}

// Grade grades c, which must validate, against its client's case and
// profile with the shipped rules.
func Grade(c *Consultation) (*Result, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	cs, _ := LookupCase(c.Client)
	return grade(Rules(), cs, c), nil
}

func grade(rs *RuleSet, cs *Case, c *Consultation) *Result {
	g := &grader{rs: rs, cs: cs, c: c, needs: cs.needs(rs)}
	if p := cs.Profile(); p != nil {
		g.styles = p.Styles
	}
	res := &Result{Key: cs.key(rs), AlwaysWrong: []score.FaultCode{}}
	g.res = res
	res.Criteria = append(res.Criteria, g.screening())
	if c.Plan != nil || c.Decision == Treat {
		res.Criteria = append(res.Criteria, g.plan())
	}
	if c.Aftercare != nil || c.Decision == Treat {
		res.Criteria = append(res.Criteria, g.aftercare())
	}
	for i := range res.Criteria {
		cr := &res.Criteria[i]
		cr.Weight = DefaultWeights[cr.ID]
		cr.Score = math.Round(math.Min(100, math.Max(0, cr.Score))*100) / 100
		if cr.Faults == nil {
			cr.Faults = []score.Fault{}
		}
		cr.Feedback = g.feedback(cr.ID)
	}
	return res
}

// grader holds one grading's state.
type grader struct {
	rs *RuleSet
	cs *Case
	c  *Consultation
	// styles are the hairline styles that suit the client (sim/client);
	// nil when unknown.
	styles []design.Style
	needs  []need
	res    *Result
}

// note records the feedback on one item, and its fault on cr.
func (g *grader) note(cr *score.Criterion, item string, code score.FaultCode, format string, a ...any) {
	g.res.Notes = append(g.res.Notes, Note{Criterion: cr.ID, Item: item, Code: code, Text: fmt.Sprintf(format, a...)})
	if code != "" {
		cr.Faults = append(cr.Faults, score.Fault{Code: code, Marker: score.MarkerSpot, Places: nil})
	}
}

// wrongAlways records an always-wrong answer.
func (g *grader) wrongAlways(code score.FaultCode) {
	if !slices.Contains(g.res.AlwaysWrong, code) {
		g.res.AlwaysWrong = append(g.res.AlwaysWrong, code)
	}
}

// feedback is a criterion's sentence: the first wrong item's note, or
// that everything was right with the first note on sources that differ.
func (g *grader) feedback(id string) string {
	var first, differ string
	n := 0
	for _, nt := range g.res.Notes {
		if nt.Criterion != id {
			continue
		}
		n++
		if !nt.OK() && first == "" {
			first = nt.Text
		}
		if nt.OK() && differ == "" && strings.Contains(nt.Text, "Sources differ") {
			differ = nt.Text
		}
	}
	switch {
	case first != "":
		return first
	case differ != "":
		return differ
	case n > 0:
		return g.res.Notes[slices.IndexFunc(g.res.Notes, func(nt Note) bool { return nt.Criterion == id })].Text
	}
	return "Nothing to grade."
}

// decisionText names the decision the key gives, with its wait.
func (k Key) String() string {
	s := string(k.Decision)
	if k.MaxDays > 0 {
		s += fmt.Sprintf(" %d–%d days", k.MinDays, k.MaxDays)
	}
	return s
}

// differ adds the rule's note on differing sources.
func differ(r *Rule) string {
	if r.Differ == "" {
		return ""
	}
	return " Sources differ: " + r.Differ
}

// model marks a rule that is a model assumption.
func model(r *Rule) string {
	if r.Inference {
		return " (This rule is a model assumption, our own synthesis of the sources.)"
	}
	return ""
}

// screening grades the decision, its timing and the reasons.
func (g *grader) screening() score.Criterion {
	cr := score.Criterion{ID: IDScreening, Name: "Screening", Unit: "%", Target: "the answer key: " + g.res.Key.String()}
	c := g.c
	v := judge(g.needs, c.Decision)
	decision, timing := 100.0, 100.0
	for _, n := range v.fails {
		r := n.rule
		decision = 0
		code := score.FaultCode(r.Fault)
		if r.AlwaysWrong && c.Decision == Treat {
			g.wrongAlways(code)
		}
		g.note(&cr, "decision", code, "%s: %s does not deal with it; the sources accept %s. %s%s%s",
			r.Condition, c.Decision, joinDecisions(n.accept), r.Why, differ(r), model(r))
	}
	if !v.failed() {
		for _, n := range v.covered {
			r := n.rule
			what := "deals with it"
			if n.elapsed {
				what = "is right: the wait the sources ask for has run"
			}
			g.note(&cr, "decision", "", "%s: %s %s. %s%s%s", r.Condition, c.Decision, what, r.Why, differ(r), model(r))
		}
		if v.overCautious {
			decision = 40
			g.note(&cr, "decision", FaultOverCautious, "%s holds the client back more than the findings ask: the answer key is %s.", c.Decision, g.res.Key)
		}
	}
	if !v.failed() && v.timed {
		d := c.PostponeDays
		switch {
		case d < v.lo:
			timing = 50 * float64(d) / float64(v.lo)
			g.note(&cr, "postpone_days", FaultPostponeTooShort, "Postponing %d days is too short: the sources' minimum is %d days (range %d–%d).%s",
				d, v.lo, v.lo, v.hi, g.timingWhy(v, d))
		case d > v.hi:
			timing = math.Max(60, 100-40*float64(d-v.hi)/float64(max(v.hi, 1)))
			g.note(&cr, "postpone_days", FaultPostponeTooLong, "Postponing %d days is longer than any source asks: %d–%d days.%s", d, v.lo, v.hi, g.timingWhy(v, d))
		default:
			g.note(&cr, "postpone_days", "", "Postponing %d days is inside the sources' range of %d–%d days.", d, v.lo, v.hi)
		}
	}
	// Reasons: every finding named, nothing invented.
	reasons := 100.0
	want := g.res.Key.Reasons
	found := 0
	for _, id := range want {
		r := g.rs.Rule(id)
		if slices.Contains(c.Reasons, id) {
			found++
			continue
		}
		g.note(&cr, "reasons", FaultReasonMissing, "Not named among the reasons: %s; record it (%s).", strings.ToLower(r.Condition), Cite(r.Sources))
	}
	unfounded := 0
	for _, id := range c.Reasons {
		if !slices.Contains(want, id) {
			unfounded++
			g.note(&cr, "reasons", FaultReasonUnfounded, "%q does not apply to this client.", g.rs.Rule(id).Condition)
		}
	}
	if len(want) > 0 {
		reasons = 100 * float64(found) / float64(len(want))
	}
	reasons = math.Max(0, reasons-15*float64(unfounded))
	if found == len(want) && unfounded == 0 {
		g.note(&cr, "reasons", "", "Every finding named.")
	}
	cr.Parts = []score.Part{
		{ID: "decision", Score: decision, Value: float64(len(v.covered)), Unit: "findings dealt with"},
		{ID: "timing", Score: timing, Value: float64(c.PostponeDays), Unit: "days"},
		{ID: "reasons", Score: reasons, Value: float64(found), Unit: "findings named"},
	}
	cr.Score = math.Min(decision, timing) * (0.8 + 0.2*reasons/100)
	cr.Value = cr.Score
	return cr
}

// timingWhy explains the wait from the rules that set it.
func (g *grader) timingWhy(v verdict, d int) string {
	var b strings.Builder
	for _, n := range v.covered {
		if !n.wait || n.lo > v.lo && d >= n.lo {
			continue
		}
		r := n.rule
		b.WriteString(" " + r.Condition + ": " + r.Why + differ(r) + model(r))
		if e := g.cs.event(n.finding.Event); e != nil {
			fmt.Fprintf(&b, " (counted from %s, %d days ago)", e.What, e.DaysAgo)
		}
	}
	return b.String()
}

func joinDecisions(ds []Decision) string {
	s := make([]string, len(ds))
	for i, d := range ds {
		s[i] = string(d)
	}
	return strings.Join(s, " or ")
}
