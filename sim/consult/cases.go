package consult

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/smptrainer/smp/assets"
	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/fileerr"
)

// CasesDir is the folder of assets.FS that holds one consultation case per
// client, named after the client's id (c07.json).
const CasesDir = "cases"

// ErrUnknownClient is wrapped by LookupCase's error for an id with no case.
var ErrUnknownClient = errors.New("unknown client")

// Medicine is one medicine a client takes.
type Medicine struct {
	Name string `json:"name"`
	// Prescribed says a doctor prescribed it: the client must never be
	// told to stop it (§1 [23]).
	Prescribed bool `json:"prescribed"`
}

// Event is a dated event in the client's history. DaysAgo counts back
// from the consultation; a negative value is still to come (a planned end
// of breastfeeding).
type Event struct {
	ID      string `json:"id"`
	What    string `json:"what"`
	DaysAgo int    `json:"days_ago"`
}

// Finding is a screening rule that applies to the client.
type Finding struct {
	// Rule is the screening rule's id.
	Rule string `json:"rule"`
	// Event is the id of the event the rule's wait counts from; "" counts
	// it from the consultation.
	Event string `json:"event,omitempty"`
	// Note adds what the rule's condition leaves open ("epilepsy").
	Note string `json:"note,omitempty"`
}

// FormLine is one question of the intake form with the client's written
// answer.
type FormLine struct {
	Q string `json:"q"`
	A string `json:"a"`
}

// Question is something the trainee can ask, with the client's answer and
// the findings it brings out: a client does not volunteer everything.
type Question struct {
	Ask    string   `json:"ask"`
	Answer string   `json:"answer"`
	Reveal []string `json:"reveals,omitempty"`
}

// Case is the consultation side of one client: medical history, medicines,
// dated events, the intake form and the questions that reveal more. The
// client's profile (name, age, sex, skin, hair, template, face and what
// they wish for) is sim/client's, under the same id; the rule for minors
// (RuleUnder18) follows from its age, not from the case.
type Case struct {
	Client    string     `json:"client"`
	History   []string   `json:"history"`
	Medicines []Medicine `json:"medicines"`
	Events    []Event    `json:"events"`
	Findings  []Finding  `json:"findings"`
	Form      []FormLine `json:"form"`
	Questions []Question `json:"questions"`
}

// event returns the event with the given id, or nil.
func (c *Case) event(id string) *Event {
	return find(c.Events, id, func(e *Event) string { return e.ID })
}

// Conditions are the conditions of the rules that apply to the client, in
// the case's order.
func (c *Case) Conditions() []string {
	out := []string{}
	for _, n := range c.needs(Rules()) {
		s := n.rule.Condition
		if n.finding.Note != "" {
			s += " (" + n.finding.Note + ")"
		}
		out = append(out, s)
	}
	return out
}

// Profile returns the client's profile from sim/client, or nil when the
// client has none.
func (c *Case) Profile() *client.Client {
	p, err := client.Lookup(c.Client)
	if err != nil {
		return nil
	}
	return p
}

// DecodeCase parses and checks one case file against rules; name is used
// in errors.
func DecodeCase(fsys fs.FS, name string, rules *RuleSet) (*Case, error) {
	var c Case
	if err := decodeFile(fsys, name, &c); err != nil {
		return nil, err
	}
	bad := func(field, format string, a ...any) error { return fileerr.New(name, field, format, a...) }
	if want := strings.TrimSuffix(path.Base(name), ".json"); c.Client != want {
		return nil, bad("client", "%q does not match the file name %q", c.Client, want)
	}
	if len(c.Form) == 0 {
		return nil, bad("form", "missing: the intake form the client filled in")
	}
	ids := map[string]bool{}
	for i, e := range c.Events {
		if e.ID == "" || ids[e.ID] {
			return nil, bad(fmt.Sprintf("events[%d].id", i), "%q: every event needs its own id", e.ID)
		}
		ids[e.ID] = true
	}
	rules2 := map[string]bool{}
	for i, f := range c.Findings {
		field := fmt.Sprintf("findings[%d]", i)
		r := rules.Rule(f.Rule)
		switch {
		case r == nil:
			return nil, bad(field+".rule", "%q is not a screening rule", f.Rule)
		case f.Rule == RuleUnder18:
			return nil, bad(field+".rule", "%q follows from the client's age in assets/clients, not from the case", f.Rule)
		case rules2[f.Rule]:
			return nil, bad(field+".rule", "%q is listed twice", f.Rule)
		case f.Event != "" && !ids[f.Event]:
			return nil, bad(field+".event", "%q is not one of the case's events", f.Event)
		case f.Event != "" && (r.Wait == nil || r.Wait.From == ""):
			return nil, bad(field+".event", "rule %q does not count its wait from an event", f.Rule)
		case f.Event == "" && r.Wait != nil && r.Wait.From != "":
			return nil, bad(field+".event", "missing: rule %q counts its wait from %s", f.Rule, r.Wait.From)
		}
		rules2[f.Rule] = true
	}
	for i, q := range c.Questions {
		for _, id := range q.Reveal {
			if !rules2[id] {
				return nil, bad(fmt.Sprintf("questions[%d].reveals", i), "%q is not one of the case's findings", id)
			}
		}
	}
	return &c, nil
}

// LoadCases reads every *.json case in dir of fsys, sorted by client id.
// The error joins one *fileerr.Error per bad file; the good cases are
// still returned.
func LoadCases(fsys fs.FS, dir string, rules *RuleSet) ([]*Case, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	var out []*Case
	var errs []error
	for _, n := range names {
		c, err := DecodeCase(fsys, n, rules)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return clientLess(out[i].Client, out[j].Client) })
	return out, errors.Join(errs...)
}

// clientLess orders client ids by length, then text, so c9 comes before c10.
func clientLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

var shippedCases struct {
	once  sync.Once
	cases []*Case
	err   error
}

func cases() ([]*Case, error) {
	shippedCases.once.Do(func() {
		shippedCases.cases, shippedCases.err = LoadCases(assets.FS, CasesDir, Rules())
		if e := RulesErr(); e != nil {
			shippedCases.err = errors.Join(e, shippedCases.err)
		}
	})
	return shippedCases.cases, shippedCases.err
}

// Cases returns the shipped cases that loaded, in client order. The cases
// are shared and must not be modified.
func Cases() []*Case {
	cs, _ := cases()
	return append([]*Case(nil), cs...)
}

// CasesErr returns the problems with the shipped rule and case files, or nil.
func CasesErr() error {
	_, err := cases()
	return err
}

// LookupCase returns the shipped case of the client with the given id. The
// error wraps ErrUnknownClient and names the known ids.
func LookupCase(id string) (*Case, error) {
	cs, _ := cases()
	for _, c := range cs {
		if c.Client == id {
			if _, err := client.Lookup(id); err != nil {
				return nil, fmt.Errorf("%w %q: a consultation case but no profile in assets/clients", ErrUnknownClient, clip(id))
			}
			return c, nil
		}
	}
	known := make([]string, len(cs))
	for i, c := range cs {
		known[i] = c.Client
	}
	k := strings.Join(known, ", ")
	if len(cs) > 8 {
		k = fmt.Sprintf("%s … %s", known[0], known[len(known)-1])
	}
	return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownClient, clip(id), k)
}
