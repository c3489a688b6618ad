package consult

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/smptrainer/smp/assets"
	"github.com/smptrainer/smp/sim/fileerr"
)

// RulesDir is the folder of assets.FS that holds the rule files:
// screening.json, plan.json, aftercare.json and sources.json, described in
// its README.md.
const RulesDir = "rules"

// Action is what a screening rule asks for, derived from its decisions.
type Action string

// The actions of domain-clients.md §7.
const (
	ActRefuse    Action = "refuse"
	ActPostpone  Action = "postpone"
	ActClearance Action = "clearance"
	ActCaution   Action = "caution"
)

// Wait is a waiting range in days that the sources accept.
type Wait struct {
	// MinDays and MaxDays bound the wait the sources give.
	MinDays int `json:"min_days"`
	MaxDays int `json:"max_days"`
	// From names the event the wait is counted from ("the transplant"); ""
	// counts it from the consultation. A case's finding names the event
	// (Finding.Event) with its date.
	From string `json:"from,omitempty"`
}

// Rule is one screening rule (domain-clients.md §1).
type Rule struct {
	// ID is the rule's stable id, used as a reason in session files.
	ID string `json:"id"`
	// Condition says, in words, when the rule applies.
	Condition string `json:"condition"`
	// Key is the decision the answer key gives when the rule applies.
	Key Decision `json:"key"`
	// Accept are the decisions the sources support; Key is one of them.
	Accept []Decision `json:"accept"`
	// Wait is the range a postponement must fall in; nil when the rule
	// gives none.
	Wait *Wait `json:"wait,omitempty"`
	// Tier is the evidence tier: T1 law or regulated standard, T2
	// peer-reviewed, T3 clinic and academy pages, T4 aggregators.
	Tier string `json:"tier"`
	// Sources are reference numbers of domain-clients.md ([n]).
	Sources []int `json:"sources"`
	// Inference marks a rule that is our own synthesis: a model
	// assumption, not a source's word.
	Inference bool `json:"inference,omitempty"`
	// AlwaysWrong says that treating despite this rule is always wrong
	// (§1, T1: a minor, an intoxicated client): it fails the consultation
	// unit whatever the other scores.
	AlwaysWrong bool `json:"always_wrong,omitempty"`
	// Fault is the fault code given when the decision does not deal with
	// the rule (treated-minor, missed-anticoagulant, …).
	Fault string `json:"fault"`
	// Advice are ids of PlanRules.Tell the client must be told when the
	// rule applies and they are treated.
	Advice []string `json:"advice,omitempty"`
	// PatchTest says the rule makes a patch test required.
	PatchTest bool `json:"patch_test,omitempty"`
	// Why explains the rule with its sources, for feedback.
	Why string `json:"why"`
	// Differ says how the sources differ; "" when they agree.
	Differ string `json:"differ,omitempty"`
}

// Action is the rule's action in the words of domain-clients.md §7.
func (r *Rule) Action() Action {
	switch {
	case r.Key == Decline:
		return ActRefuse
	case r.Key == Postpone:
		return ActPostpone
	case r.Key == Clearance || r.Key == Refer:
		return ActClearance
	}
	return ActCaution
}

// accepts reports whether the sources accept d.
func (r *Rule) accepts(d Decision) bool { return slices.Contains(r.Accept, d) }

// strongest is the strength of the strongest decision the sources accept.
func (r *Rule) strongest() int {
	s := 0
	for _, d := range r.Accept {
		s = max(s, d.strength())
	}
	return s
}

// Shade is one starting shade a plan may choose.
type Shade struct {
	ID string `json:"id"`
	// OK says the sources support starting with it.
	OK bool `json:"ok"`
}

// Tell is one thing a trainee may tell the client.
type Tell struct {
	ID string `json:"id"`
	// Required says every treated client must be told it.
	Required bool `json:"required,omitempty"`
	// Wrong says telling it is a fault, with Fault as its code.
	Wrong bool `json:"wrong,omitempty"`
	// AlwaysWrong says telling it is always wrong (§1, T1).
	AlwaysWrong bool   `json:"always_wrong,omitempty"`
	Fault       string `json:"fault,omitempty"`
	Sources     []int  `json:"sources"`
	Why         string `json:"why"`
}

// Bounds is a range with its sources, for the plan's numbers.
type Bounds struct {
	Min int `json:"min"`
	Max int `json:"max"`
	// MoreMin and MoreMax are the range for clients who need more (scars,
	// alopecia); 0 when the range is the same for all.
	MoreMin int    `json:"more_min,omitempty"`
	MoreMax int    `json:"more_max,omitempty"`
	Sources []int  `json:"sources"`
	Why     string `json:"why"`
	Differ  string `json:"differ,omitempty"`
}

// PatchTestRule is the patch test's lead time.
type PatchTestRule struct {
	MinHours      int    `json:"min_hours"`
	ExpectedHours int    `json:"expected_hours"`
	Sources       []int  `json:"sources"`
	Why           string `json:"why"`
	Differ        string `json:"differ,omitempty"`
}

// PlanRules are what a treatment plan is checked against (§2).
type PlanRules struct {
	PatchTest    PatchTestRule `json:"patch_test"`
	Sessions     Bounds        `json:"sessions"`
	IntervalDays Bounds        `json:"interval_days"`
	Shades       []Shade       `json:"shades"`
	ShadeSources []int         `json:"shade_sources"`
	ShadeWhy     string        `json:"shade_why"`
	Tell         []Tell        `json:"tell"`
}

func (p *PlanRules) shade(id string) *Shade {
	return find(p.Shades, id, func(s *Shade) string { return s.ID })
}

func (p *PlanRules) tell(id string) *Tell {
	return find(p.Tell, id, func(t *Tell) string { return t.ID })
}
func (p *PlanRules) shadeList() string {
	return idList(p.Shades, func(s *Shade) string { return s.ID })
}

// AftercareItem is one aftercare instruction with the range of first days
// the sources give (§3).
type AftercareItem struct {
	ID string `json:"id"`
	// What the day counts: "first water on the scalp".
	What    string `json:"what"`
	MinDay  int    `json:"min_day"`
	MaxDay  int    `json:"max_day"`
	Sources []int  `json:"sources"`
	Why     string `json:"why"`
	Differ  string `json:"differ,omitempty"`
}

// Sign is one sign an aftercare sheet may name as "see a doctor".
type Sign struct {
	ID string `json:"id"`
	// Kind is "infection", "allergy" or "normal" (normal healing: naming
	// it as a reason to see a doctor is a fault).
	Kind      string `json:"kind"`
	Inference bool   `json:"inference,omitempty"`
	Sources   []int  `json:"sources"`
}

// AftercareRules are what an aftercare sheet is checked against (§3).
type AftercareRules struct {
	Items []AftercareItem `json:"items"`
	Signs []Sign          `json:"signs"`
	// InfectionNeeded and AllergyNeeded are how many signs of each kind a
	// full sheet names. *Model assumption.*
	InfectionNeeded int `json:"infection_needed"`
	AllergyNeeded   int `json:"allergy_needed"`
}

func (a *AftercareRules) item(id string) *AftercareItem {
	return find(a.Items, id, func(i *AftercareItem) string { return i.ID })
}
func (a *AftercareRules) sign(id string) *Sign {
	return find(a.Signs, id, func(s *Sign) string { return s.ID })
}
func (a *AftercareRules) itemList() string {
	return idList(a.Items, func(i *AftercareItem) string { return i.ID })
}

// RuleSet is every rule the consultation is graded against.
type RuleSet struct {
	Screening []Rule
	Plan      PlanRules
	Aftercare AftercareRules
	// Sources maps a reference number to its address
	// (domain-clients.md's reference list).
	Sources map[int]string
}

// Rule returns the screening rule with the given id, or nil.
func (rs *RuleSet) Rule(id string) *Rule {
	return find(rs.Screening, id, func(r *Rule) string { return r.ID })
}

// TellItem returns the thing to tell with the given id, or nil.
func (rs *RuleSet) TellItem(id string) *Tell { return rs.Plan.tell(id) }

// AftercareItem returns the aftercare item with the given id, or nil.
func (rs *RuleSet) AftercareItem(id string) *AftercareItem { return rs.Aftercare.item(id) }

// Sign returns the see-a-doctor sign with the given id, or nil.
func (rs *RuleSet) Sign(id string) *Sign { return rs.Aftercare.sign(id) }

// Cite writes reference numbers as "[4][24]".
func Cite(ns []int) string {
	var b strings.Builder
	for _, n := range ns {
		b.WriteString("[" + strconv.Itoa(n) + "]")
	}
	return b.String()
}

// LoadRules reads and checks the rule files in dir of fsys. Every problem
// is a *fileerr.Error naming the file and the field.
func LoadRules(fsys fs.FS, dir string) (*RuleSet, error) {
	rs := &RuleSet{}
	var src struct {
		Sources map[string]string `json:"sources"`
	}
	if err := decodeFile(fsys, path.Join(dir, "sources.json"), &src); err != nil {
		return nil, err
	}
	rs.Sources = map[int]string{}
	for k, v := range src.Sources {
		n, err := strconv.Atoi(k)
		if err != nil || n <= 0 {
			return nil, fileerr.New(path.Join(dir, "sources.json"), "sources."+k, "not a reference number")
		}
		rs.Sources[n] = v
	}
	var scr struct {
		Rules []Rule `json:"rules"`
	}
	name := path.Join(dir, "screening.json")
	if err := decodeFile(fsys, name, &scr); err != nil {
		return nil, err
	}
	rs.Screening = scr.Rules
	if err := decodeFile(fsys, path.Join(dir, "plan.json"), &rs.Plan); err != nil {
		return nil, err
	}
	if err := decodeFile(fsys, path.Join(dir, "aftercare.json"), &rs.Aftercare); err != nil {
		return nil, err
	}
	if err := rs.check(dir); err != nil {
		return nil, err
	}
	return rs, nil
}

// decodeFile reads one JSON file strictly: unknown fields are refused, so a
// misspelt field cannot silently fall back to zero.
func decodeFile(fsys fs.FS, name string, v any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return &fileerr.Error{File: name, Problem: "cannot read: " + err.Error(), Err: err}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		field := ""
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			field = te.Field
		}
		return &fileerr.Error{File: name, Field: field, Problem: err.Error(), Err: err}
	}
	if _, err := dec.Token(); err != io.EOF {
		return &fileerr.Error{File: name, Problem: "trailing data after the object"}
	}
	return nil
}

// check validates the rules against each other: unique ids, decisions
// that exist, keys the sources accept, waits in order, sources that exist.
func (rs *RuleSet) check(dir string) error {
	scr := path.Join(dir, "screening.json")
	bad := func(file, field, format string, a ...any) error {
		return fileerr.New(file, field, format, a...)
	}
	srcs := func(file, field string, ns []int) error {
		if len(ns) == 0 {
			return bad(file, field, "no sources: every rule cites domain-clients.md")
		}
		for _, n := range ns {
			if _, ok := rs.Sources[n]; !ok {
				return bad(file, field, "[%d] is not in sources.json", n)
			}
		}
		return nil
	}
	seen := map[string]bool{}
	faults := map[string]bool{}
	for i := range rs.Screening {
		r := &rs.Screening[i]
		f := fmt.Sprintf("rules[%d]", i)
		switch {
		case r.ID == "" || strings.ContainsAny(r.ID, " \t\n/"):
			return bad(scr, f+".id", "%q is not an id", r.ID)
		case seen[r.ID]:
			return bad(scr, f+".id", "%q is used twice", r.ID)
		case r.Condition == "" || r.Why == "":
			return bad(scr, f, "condition and why are required")
		case r.Key.strength() < 0:
			return bad(scr, f+".key", "%q is not a decision (one of %s)", r.Key, decisionList())
		case !r.accepts(r.Key):
			return bad(scr, f+".accept", "does not hold the key %q", r.Key)
		case r.Fault == "" || faults[r.Fault]:
			return bad(scr, f+".fault", "%q: every rule needs its own fault code", r.Fault)
		case !slices.Contains([]string{"T1", "T2", "T3", "T4"}, r.Tier):
			return bad(scr, f+".tier", "%q is not T1–T4", r.Tier)
		}
		for _, d := range r.Accept {
			if d.strength() < 0 {
				return bad(scr, f+".accept", "%q is not a decision (one of %s)", d, decisionList())
			}
		}
		if w := r.Wait; w != nil && (w.MinDays < 0 || w.MaxDays < w.MinDays || w.MaxDays > MaxPostponeDays) {
			return bad(scr, f+".wait", "min_days %d and max_days %d must satisfy 0 ≤ min ≤ max ≤ %d", w.MinDays, w.MaxDays, MaxPostponeDays)
		}
		if r.Wait == nil && r.accepts(Postpone) {
			return bad(scr, f+".wait", "missing: a rule that accepts postponing says for how long")
		}
		for _, a := range r.Advice {
			if rs.Plan.tell(a) == nil {
				return bad(scr, f+".advice", "%q is not in plan.json's tell list", a)
			}
		}
		if err := srcs(scr, f+".sources", r.Sources); err != nil {
			return err
		}
		seen[r.ID], faults[r.Fault] = true, true
	}
	pl := path.Join(dir, "plan.json")
	for i, t := range rs.Plan.Tell {
		if (t.Wrong || t.AlwaysWrong) && t.Fault == "" {
			return bad(pl, fmt.Sprintf("tell[%d].fault", i), "a wrong thing to tell needs a fault code")
		}
		if err := srcs(pl, fmt.Sprintf("tell[%d].sources", i), t.Sources); err != nil {
			return err
		}
	}
	for _, b := range []struct {
		name string
		b    Bounds
	}{{"sessions", rs.Plan.Sessions}, {"interval_days", rs.Plan.IntervalDays}} {
		if b.b.Min <= 0 || b.b.Max < b.b.Min || b.b.MoreMax < b.b.MoreMin {
			return bad(pl, b.name, "min %d, max %d: want 0 < min ≤ max", b.b.Min, b.b.Max)
		}
		if err := srcs(pl, b.name+".sources", b.b.Sources); err != nil {
			return err
		}
	}
	ac := path.Join(dir, "aftercare.json")
	for i, it := range rs.Aftercare.Items {
		if it.MinDay < 0 || it.MaxDay < it.MinDay {
			return bad(ac, fmt.Sprintf("items[%d]", i), "min_day %d, max_day %d: want 0 ≤ min ≤ max", it.MinDay, it.MaxDay)
		}
		if err := srcs(ac, fmt.Sprintf("items[%d].sources", i), it.Sources); err != nil {
			return err
		}
	}
	for i, s := range rs.Aftercare.Signs {
		if !slices.Contains([]string{"infection", "allergy", "normal"}, s.Kind) {
			return bad(ac, fmt.Sprintf("signs[%d].kind", i), "%q is not infection, allergy or normal", s.Kind)
		}
	}
	return nil
}

var shippedRules struct {
	once sync.Once
	rs   *RuleSet
	err  error
}

// Rules returns the shipped rules (assets/rules). Should they fail to load
// (a bad edit), it returns an empty set and RulesErr says why; tests and
// smpgrade surface that error.
func Rules() *RuleSet {
	shippedRules.once.Do(func() {
		shippedRules.rs, shippedRules.err = LoadRules(assets.FS, RulesDir)
		if shippedRules.rs == nil {
			shippedRules.rs = &RuleSet{Sources: map[int]string{}}
		}
	})
	return shippedRules.rs
}

// RulesErr returns the problem with the shipped rule files, or nil.
func RulesErr() error {
	Rules()
	return shippedRules.err
}

// find returns the element of xs whose id is id, or nil.
func find[T any](xs []T, id string, key func(*T) string) *T {
	for i := range xs {
		if key(&xs[i]) == id {
			return &xs[i]
		}
	}
	return nil
}

// idList joins the ids of xs for an error message.
func idList[T any](xs []T, key func(*T) string) string {
	s := make([]string, len(xs))
	for i := range xs {
		s[i] = key(&xs[i])
	}
	return strings.Join(s, ", ")
}

// sortedKeys returns m's keys in order, so checks and output are
// deterministic.
func sortedKeys[V any](m map[string]V) []string {
	k := slices.Collect(maps.Keys(m))
	sort.Strings(k)
	return k
}
