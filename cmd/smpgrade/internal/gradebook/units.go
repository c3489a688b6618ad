package gradebook

import (
	"database/sql"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/grading"
	"github.com/smptrainer/smp/sim/consult"
	"github.com/smptrainer/smp/sim/score"
)

// This file is the course record: every criterion belongs to a course unit
// (domain-clients.md §5: regulated courses assess unit by unit as
// competent or not yet competent), and per unit a trainee has evidence
// (attempts, best and latest scores, recurring faults) and a verdict by a
// rule the instructor sets and the gradebook keeps.

// Fault is one fault code a criterion of an attempt named (score.Fault's
// code; its places are not kept).
type Fault struct {
	Criterion string `json:"criterion"`
	Code      string `json:"code"`
}

// maxFaults bounds the faults Record stores for one attempt.
const maxFaults = 1024

// Unit is one course unit and the criteria that give evidence for it.
type Unit struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Criteria []string `json:"criteria"`
}

// Units are the course units, in course order (§5: ProQual and VTCT units
// cover consultation, colour theory and pigments, techniques and
// aftercare; design and mapping is the SMP course's own). Every criterion
// smpgrade grades is in exactly one; the hairline criterion grades the dots
// at the front, so it is technique, and the mapping criterion grades the
// drawn design.
var Units = []Unit{
	{"consultation", "Consultation and screening", []string{consult.IDScreening, consult.IDPlan}},
	{"colour", "Colour and pigments", []string{score.IDColour}},
	{"design", "Design and mapping", []string{"mapping"}},
	{"technique", "Technique", []string{score.IDDensity, score.IDUniformity, score.IDGaps, score.IDConsistency,
		score.IDHairline, score.IDBlending, score.IDScars}},
	{"aftercare", "Aftercare", []string{consult.IDAftercare}},
}

// UnitOf returns the id of the unit criterion belongs to, or "" for a
// criterion no unit claims.
func UnitOf(criterion string) string {
	for _, u := range Units {
		for _, c := range u.Criteria {
			if c == criterion {
				return u.ID
			}
		}
	}
	return ""
}

// Rule is the instructor's rule for "competent": the last Last attempts
// that give evidence for a unit all score at least Min for it, and none of
// them holds an always-wrong answer (consult.IsAlwaysWrong).
type Rule struct {
	Last int     `json:"last"`
	Min  float64 `json:"min"`
}

// DefaultRule is the rule until the instructor sets one: the last three
// attempts at 80 or above. *Model assumption*: no published SMP rubric
// gives a number (domain-clients.md §6).
var DefaultRule = Rule{Last: 3, Min: 80}

// String writes r as ParseRule reads it.
func (r Rule) String() string {
	return fmt.Sprintf("last=%d,min=%s", r.Last, strconv.FormatFloat(r.Min, 'f', -1, 64))
}

// ParseRule reads a rule written "last=3,min=80" (either part may be left
// out, keeping DefaultRule's).
func ParseRule(s string) (Rule, error) {
	r := DefaultRule
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return r, fmt.Errorf("%q: want last=N,min=SCORE", part)
		}
		switch k {
		case "last":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 100 {
				return r, fmt.Errorf("last=%s: want a whole number of attempts from 1 to 100", v)
			}
			r.Last = n
		case "min":
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || !(f >= 0 && f <= 100) {
				return r, fmt.Errorf("min=%s: want a score from 0 to 100", v)
			}
			r.Min = f
		default:
			return r, fmt.Errorf("%q: want last=N,min=SCORE", k)
		}
	}
	return r, nil
}

// CompetencyRule returns the rule the instructor set, or DefaultRule.
func (b *Book) CompetencyRule() (Rule, error) {
	r := DefaultRule
	err := b.db.QueryRow(`SELECT last_n, min_score FROM unit_rule WHERE unit = ''`).Scan(&r.Last, &r.Min)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultRule, nil
	}
	if err == nil && (r.Last < 1 || !(r.Min >= 0 && r.Min <= 100)) {
		return DefaultRule, &Error{Path: b.path, Problem: fmt.Sprintf("the competency rule %s is out of range", r)}
	}
	return r, b.wrap("cannot read the competency rule", err)
}

// SetCompetencyRule stores the rule for every unit.
func (b *Book) SetCompetencyRule(r Rule) error {
	if _, err := ParseRule(r.String()); err != nil {
		return err
	}
	_, err := b.db.Exec(`INSERT INTO unit_rule (unit, last_n, min_score) VALUES ('', ?, ?)
		ON CONFLICT (unit) DO UPDATE SET last_n = excluded.last_n, min_score = excluded.min_score`, r.Last, r.Min)
	return b.wrap("cannot store the competency rule", err)
}

// Verdicts.
const (
	Competent    = "competent"
	NotCompetent = "not yet competent"
)

// UnitRecord is a trainee's evidence and verdict for one unit.
type UnitRecord struct {
	Unit string `json:"unit"`
	Name string `json:"name"`
	// Attempts counts the attempts that graded a criterion of the unit.
	Attempts int `json:"attempts"`
	// Best and Latest are unit scores: the mean of the unit's criteria in
	// an attempt. Both 0 with no attempts.
	Best   float64 `json:"best"`
	Latest float64 `json:"latest"`
	// Recurring are the fault codes of the unit's criteria named in more
	// than one attempt, most frequent first, as "code ×n".
	Recurring []FaultCount `json:"recurring"`
	// AlwaysWrong are the always-wrong answers in the attempts the verdict
	// looks at.
	AlwaysWrong []string `json:"always_wrong"`
	Verdict     string   `json:"verdict"`
	// Why says what the verdict rests on.
	Why string `json:"why"`
}

// FaultCount is a fault code and the number of attempts that named it.
type FaultCount struct {
	Code  string `json:"code"`
	Count int    `json:"count"`
}

// CourseRecord works out each unit's evidence and verdict from a trainee's
// attempts (in date order) under rule r. An always-wrong answer in any
// criterion of an attempt fails that attempt for the consultation unit,
// whatever its scores: treating a minor is not made up for by good dots.
func CourseRecord(atts []Attempt, r Rule) []UnitRecord {
	out := make([]UnitRecord, 0, len(Units))
	for _, u := range Units {
		rec := UnitRecord{Unit: u.ID, Name: u.Name, Recurring: []FaultCount{}, AlwaysWrong: []string{}}
		type ev struct {
			score  float64
			always []string
		}
		var evs []ev
		counts := map[string]int{}
		for _, a := range atts {
			var sum float64
			n := 0
			for _, c := range a.Criteria {
				if UnitOf(c.ID) == u.ID {
					sum += c.Score
					n++
				}
			}
			if n == 0 {
				continue
			}
			e := ev{score: sum / float64(n)}
			seen := map[string]bool{}
			for _, f := range a.Faults {
				if consult.IsAlwaysWrong(score.FaultCode(f.Code)) && u.ID == "consultation" {
					e.always = append(e.always, f.Code)
				}
				if UnitOf(f.Criterion) == u.ID && !seen[f.Code] {
					seen[f.Code] = true
					counts[f.Code]++
				}
			}
			evs = append(evs, e)
		}
		rec.Attempts = len(evs)
		for _, e := range evs {
			rec.Best = math.Max(rec.Best, e.score)
		}
		if len(evs) > 0 {
			rec.Latest = evs[len(evs)-1].score
		}
		for code, n := range counts {
			if n > 1 {
				rec.Recurring = append(rec.Recurring, FaultCount{code, n})
			}
		}
		sort.Slice(rec.Recurring, func(i, j int) bool {
			a, b := rec.Recurring[i], rec.Recurring[j]
			return a.Count > b.Count || a.Count == b.Count && a.Code < b.Code
		})
		rec.Verdict = NotCompetent
		switch {
		case len(evs) == 0:
			rec.Why = "no attempts yet"
		case len(evs) < r.Last:
			rec.Why = fmt.Sprintf("%d of the %d attempts the rule asks for", len(evs), r.Last)
		}
		last := evs[max(0, len(evs)-r.Last):]
		low := 0
		for _, e := range last {
			if e.score < r.Min {
				low++
			}
			rec.AlwaysWrong = append(rec.AlwaysWrong, e.always...)
		}
		if len(evs) > 0 {
			scores := make([]string, len(last))
			for i, e := range last {
				scores[i] = strconv.FormatFloat(math.Round(e.score*10)/10, 'f', -1, 64)
			}
			what := fmt.Sprintf("last %d: %s", len(last), strings.Join(scores, ", "))
			switch {
			case len(rec.AlwaysWrong) > 0:
				rec.Why = fmt.Sprintf("%s; always wrong: %s", what, strings.Join(rec.AlwaysWrong, ", "))
			case low > 0:
				rec.Why = fmt.Sprintf("%s; %d under %s", what, low, strconv.FormatFloat(r.Min, 'f', -1, 64))
			case len(evs) >= r.Last:
				rec.Verdict = Competent
				rec.Why = fmt.Sprintf("%s, all at %s or above", what, strconv.FormatFloat(r.Min, 'f', -1, 64))
			default:
				rec.Why += "; " + what
			}
		}
		out = append(out, rec)
	}
	return out
}

// CriteriaOf lists a report's criterion scores as the gradebook keeps them:
// rounded as smpgrade prints them (grading.Clean), in the report's order.
// Every path that turns a graded file into an Attempt (record, the class
// server's hand-in, the report's course units) goes through it and
// FaultsOf, so they agree.
func CriteriaOf(crit []score.Criterion) []Score {
	out := make([]Score, 0, len(crit))
	for _, c := range crit {
		out = append(out, Score{ID: c.ID, Name: c.Name, Score: grading.Clean(c.Score)})
	}
	return out
}

// FaultsOf lists the fault codes of a report's criteria, for Record.
func FaultsOf(crit []score.Criterion) []Fault {
	out := []Fault{}
	for _, c := range crit {
		seen := map[score.FaultCode]bool{}
		for _, f := range c.Faults {
			if !seen[f.Code] {
				seen[f.Code] = true
				out = append(out, Fault{Criterion: c.ID, Code: string(f.Code)})
			}
		}
	}
	return out
}

// validateFaults checks an attempt's faults before they are written.
func (a *Attempt) validateFaults() error {
	if len(a.Faults) > maxFaults {
		return fmt.Errorf("%d faults, more than the %d an attempt may hold", len(a.Faults), maxFaults)
	}
	seen := map[Fault]bool{}
	for _, f := range a.Faults {
		if f.Code == "" || len(f.Code)+len(f.Criterion) > maxText {
			return fmt.Errorf("fault %q: empty or over %d bytes", f.Code, maxText)
		}
		if seen[f] {
			return fmt.Errorf("fault %q of %q given twice", f.Code, f.Criterion)
		}
		seen[f] = true
	}
	return nil
}

// recordFaults writes an attempt's faults inside Record's transaction.
func recordFaults(tx *sql.Tx, id int64, a *Attempt) error {
	for _, f := range a.Faults {
		if _, err := tx.Exec(`INSERT INTO criterion_fault (attempt_id, criterion, code) VALUES (?, ?, ?)`, id, f.Criterion, f.Code); err != nil {
			return err
		}
	}
	return nil
}

// readFaults fills the faults of a trainee's attempts inside Attempts'
// snapshot; byID maps an attempt id to its index in out.
func (b *Book) readFaults(tx querier, trainee string, out []Attempt, byID map[int64]int) error {
	return b.eachRow(tx, "cannot read faults", `SELECT f.attempt_id, f.criterion, f.code FROM criterion_fault f
		JOIN attempt a ON a.id = f.attempt_id WHERE a.trainee = ? ORDER BY f.attempt_id, f.rowid`, func(rows *sql.Rows) error {
		var id int64
		var f Fault
		if err := rows.Scan(&id, &f.Criterion, &f.Code); err != nil {
			return err
		}
		if i, ok := byID[id]; ok {
			out[i].Faults = append(out[i].Faults, f)
		}
		return nil
	}, trainee)
}
