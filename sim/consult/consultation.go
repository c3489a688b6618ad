// Package consult is the consultation before the dots: the screening rules,
// the plan and aftercare rules (all data, in assets/rules), the clients'
// consultation cases (assets/cases), the answer key each case implies, and
// the grading of a trainee's consultation under the criteria "screening",
// "plan" and "aftercare" (../shared/domain-clients.md §1–§3, §7).
//
// The rules are data so an instructor can read and change them: each
// screening rule has its condition, the decision the answer key gives, the
// decisions the sources accept, a waiting range in days where the action is
// to postpone, its evidence tier and its sources. Any answer inside the
// sources' range is right, and the feedback says when sources differ (§7).
// A few answers are always wrong whatever else is right: treating a minor,
// treating an intoxicated client, and telling a client to stop a prescribed
// medicine (§1, T1).
package consult

import (
	"fmt"
	"slices"
	"strings"

	"github.com/smptrainer/smp/sim/design"
)

// Decision is what the trainee decides at the end of the screening.
type Decision string

// The decisions a consultation may end in.
const (
	Treat     Decision = "treat"     // go ahead
	Postpone  Decision = "postpone"  // not yet: come back after PostponeDays
	Clearance Decision = "clearance" // only with a doctor's written clearance
	Refer     Decision = "refer"     // send to a doctor or dermatologist first
	Decline   Decision = "decline"   // do not treat
)

// Decisions lists every decision, mildest first.
var Decisions = []Decision{Treat, Postpone, Clearance, Refer, Decline}

// strength orders decisions by how far they hold the treatment back:
// clearance and refer both send the client to a doctor, so they rank equal.
// An unknown decision is -1.
func (d Decision) strength() int {
	switch d {
	case Treat:
		return 0
	case Postpone:
		return 1
	case Clearance, Refer:
		return 2
	case Decline:
		return 3
	}
	return -1
}

// Limits on a consultation read from a file: far above any real answer, so
// a hostile file cannot make the grader do unbounded work.
const (
	// MaxPostponeDays is the longest wait a file may give: ten years.
	MaxPostponeDays = 3650
	// MaxListItems bounds reasons, things told and see-a-doctor signs; each
	// vocabulary has fewer than 40 entries.
	MaxListItems = 64
	// MaxSessions bounds the sessions a plan may give.
	MaxSessions = 20
	// MaxIntervalDays bounds the days between sessions in a plan.
	MaxIntervalDays = 365
	// MaxPatchTestHours bounds how long before the session a patch test is
	// planned: a year.
	MaxPatchTestHours = 8760
	// MaxAftercareDay bounds an aftercare item's day count.
	MaxAftercareDay = 365
)

// Consultation is a trainee's consultation of one client, as the session
// file's "consultation" object holds it (sim/session FORMAT.md).
type Consultation struct {
	// Client is the client's id, such as "c07".
	Client string
	// Decision is the outcome of the screening.
	Decision Decision
	// PostponeDays is how long to wait before treating, in days from the
	// consultation; 0 when not given. It belongs to postpone, and may go
	// with clearance or refer ("with the GP's letter, and not before 14
	// days").
	PostponeDays int
	// Reasons are the ids of the screening rules the trainee found
	// (RuleSet.Screening), in the trainee's order.
	Reasons []string
	// Plan is the treatment plan; nil when none was written.
	Plan *Plan
	// Aftercare is the client's aftercare sheet; nil when none was written.
	Aftercare *Aftercare
}

// Plan is the treatment plan (domain-clients.md §2). Zero values mean "not
// planned".
type Plan struct {
	// PatchTest says a patch test is planned.
	PatchTest bool
	// PatchTestHours is how many hours before the first session the patch
	// test is done; 0 with PatchTest means DefaultPatchTestHours.
	PatchTestHours int
	// Sessions is the number of sessions planned.
	Sessions int
	// IntervalDays is the spacing between sessions.
	IntervalDays int
	// Hairline is the hairline style, one of sim/design's (juvenile,
	// mature, conservative): the same styles the mapping work uses.
	Hairline design.Style
	// StartShade is the first session's shade against the target: an id
	// of PlanRules.Shades ("lighter", "target", "darker").
	StartShade string
	// Tell are the ids of what the trainee tells the client
	// (PlanRules.Tell), in the trainee's order.
	Tell []string
}

// DefaultPatchTestHours is how a plan that asks for a patch test without
// saying when is read: the insurers' 48 h (domain-clients.md §2 [47][54]).
const DefaultPatchTestHours = 48

// Aftercare is the aftercare sheet the trainee writes (domain-clients.md §3).
type Aftercare struct {
	// Days maps an aftercare item id (AftercareRules.Items: "washing",
	// "sweat", …) to the first day it is allowed again, counted from the
	// session (day 0). An item left out was not covered.
	Days map[string]int
	// SeeDoctor are the ids of the signs (AftercareRules.Signs) the sheet
	// says mean "see a doctor".
	SeeDoctor []string
}

// FieldError is a problem with one field of a consultation: Field is its
// path inside the consultation object ("decision", "plan.tell[3]").
type FieldError struct {
	Field   string
	Problem string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Problem }

// Validate checks c against the rules and cases: a known client, a known
// decision, days and counts inside their limits, and every id from its
// vocabulary, none twice. The error is a *FieldError.
func (c *Consultation) Validate() error {
	if e := c.validate(); e != nil {
		return e
	}
	return nil
}

func (c *Consultation) validate() *FieldError {
	bad := func(field, format string, a ...any) *FieldError {
		return &FieldError{Field: field, Problem: fmt.Sprintf(format, a...)}
	}
	if c.Client == "" {
		return bad("client", "missing; it names the client, such as \"c07\"")
	}
	if _, err := LookupCase(c.Client); err != nil {
		return bad("client", "%v", err)
	}
	if c.Decision == "" {
		return bad("decision", "missing; one of %s", decisionList())
	}
	if c.Decision.strength() < 0 {
		return bad("decision", "%q is not a decision (one of %s)", clip(string(c.Decision)), decisionList())
	}
	if c.PostponeDays < 0 || c.PostponeDays > MaxPostponeDays {
		return bad("postpone_days", "%d is not a number of days from 0 to %d", c.PostponeDays, MaxPostponeDays)
	}
	r := Rules()
	if e := checkIDs("reasons", c.Reasons, func(id string) bool { return r.Rule(id) != nil }, "screening rule"); e != nil {
		return e
	}
	if p := c.Plan; p != nil {
		pr := &r.Plan
		switch {
		case p.PatchTestHours < 0 || p.PatchTestHours > MaxPatchTestHours:
			return bad("plan.patch_test_hours", "%d is not a number of hours from 0 to %d", p.PatchTestHours, MaxPatchTestHours)
		case p.Sessions < 0 || p.Sessions > MaxSessions:
			return bad("plan.sessions", "%d is not a number of sessions from 0 to %d", p.Sessions, MaxSessions)
		case p.IntervalDays < 0 || p.IntervalDays > MaxIntervalDays:
			return bad("plan.interval_days", "%d is not a number of days from 0 to %d", p.IntervalDays, MaxIntervalDays)
		case p.Hairline != "" && !p.Hairline.Valid():
			return bad("plan.hairline", "%q is not a hairline style (one of %s)", clip(string(p.Hairline)), styleList())
		case p.StartShade != "" && pr.shade(p.StartShade) == nil:
			return bad("plan.start_shade", "%q is not a starting shade (one of %s)", clip(p.StartShade), pr.shadeList())
		}
		if e := checkIDs("plan.tell", p.Tell, func(id string) bool { return pr.tell(id) != nil }, "thing to tell the client"); e != nil {
			return e
		}
	}
	if a := c.Aftercare; a != nil {
		ar := &r.Aftercare
		if len(a.Days) > len(ar.Items) {
			return bad("aftercare.days", "%d items, more than the %d known", len(a.Days), len(ar.Items))
		}
		for _, id := range sortedKeys(a.Days) {
			if ar.item(id) == nil {
				return bad("aftercare.days."+clip(id), "not an aftercare item (one of %s)", ar.itemList())
			}
			if v := a.Days[id]; v < 0 || v > MaxAftercareDay {
				return bad("aftercare.days."+id, "%d is not a day from 0 to %d", v, MaxAftercareDay)
			}
		}
		if e := checkIDs("aftercare.see_doctor", a.SeeDoctor, func(id string) bool { return ar.sign(id) != nil }, "see-a-doctor sign"); e != nil {
			return e
		}
	}
	return nil
}

// checkIDs checks a list of vocabulary ids: at most MaxListItems, each
// known, none twice.
func checkIDs(field string, ids []string, known func(string) bool, what string) *FieldError {
	if len(ids) > MaxListItems {
		return &FieldError{Field: field, Problem: fmt.Sprintf("%d entries, more than the %d allowed", len(ids), MaxListItems)}
	}
	for i, id := range ids {
		f := fmt.Sprintf("%s[%d]", field, i)
		if !known(id) {
			return &FieldError{Field: f, Problem: fmt.Sprintf("%q is not a known %s", clip(id), what)}
		}
		if slices.Contains(ids[:i], id) {
			return &FieldError{Field: f, Problem: fmt.Sprintf("%q is listed twice", id)}
		}
	}
	return nil
}

func styleList() string {
	s := make([]string, len(design.Styles))
	for i, st := range design.Styles {
		s[i] = string(st)
	}
	return strings.Join(s, ", ")
}

func decisionList() string {
	s := make([]string, len(Decisions))
	for i, d := range Decisions {
		s[i] = string(d)
	}
	return strings.Join(s, ", ")
}

// clip shortens text quoted back from a file.
func clip(s string) string {
	const n = 40
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
