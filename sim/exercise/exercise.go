// Package exercise loads the trainer's exercises: a template, a session
// number, the criteria that count with their weights, and a brief for the
// trainee. Exercises are data, in assets/exercises/*.json, so an instructor
// can add one without touching code.
//
// A file looks like
//
//	{"id": "square-even", "order": 10, "title": "Fill a 2 × 2 cm square evenly",
//	 "template": "square20", "session": 1,
//	 "brief": "…", "weights": {"density": 1, "uniformity": 2, "gaps": 1}}
//
// and every field is required. The target bands come from the template's
// zones for that session (scalp.Zone.Target), so they are not repeated here.
package exercise

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/smptrainer/smp/sim/fileerr"
	"io/fs"
	"maps"
	"math"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/smptrainer/smp/assets"
	"github.com/smptrainer/smp/sim/client"
)

// Criterion ids an exercise may weight. They are the ids sim/score reports
// (issue 4, "Criteria"); a weight for any other id is a typo and is refused.
var Criteria = []string{
	"density", "uniformity", "gaps", "consistency",
	"hairline", "blending", "scars", "colour",
	"mapping",
}

// Kinds of exercise: what the trainee's work is.
const (
	// KindDots (the default, "") is dot work on the template.
	KindDots = "dots"
	// KindMapping is a hairline mapping: the trainee designs the hairline
	// on the client's face (issue 11). It starts with no design line and
	// names a client; the "mapping" criterion grades it.
	KindMapping = "mapping"
)

// Kinds lists the exercise kinds.
var Kinds = []string{KindDots, KindMapping}

// DefaultID is the exercise the trainer opens first: the Norwood III
// session-1 hairline drill, the bread-and-butter first session (domain.md §1:
// session 1 is light, with a conservative hairline).
const DefaultID = "norwood3-hairline-s1"

// Dir is the folder of assets.FS that holds the exercise files.
const Dir = "exercises"

// Exercise is one task for a trainee.
type Exercise struct {
	// ID is the file's stable id, used in session files.
	ID string `json:"id"`
	// Order places the exercise in the progression; lower comes first.
	Order int `json:"order"`
	// Title is the one-line name shown in menus.
	Title string `json:"title"`
	// Brief is the 2–4 sentences the trainee reads before starting.
	Brief string `json:"brief"`
	// Template is the scalp template id (scalp.Lookup).
	Template string `json:"template"`
	// Session is the treatment session, 1–3, whose target bands apply.
	Session int `json:"session"`
	// Weights maps a criterion id (Criteria) to its weight in the overall
	// score, the weighted mean. It has the same type as score.Weights.
	Weights map[string]float64 `json:"weights"`
	// Kind is what the work is (Kinds); "" means KindDots.
	Kind string `json:"kind,omitempty"`
	// Client is the id of the client (sim/client) the exercise is for,
	// on this template; required for a mapping exercise.
	Client string `json:"client,omitempty"`
}

// IsMapping reports whether the exercise is a hairline mapping.
func (e *Exercise) IsMapping() bool { return e.Kind == KindMapping }

// fields are the JSON field names of Exercise.
var fields = []string{"id", "order", "title", "brief", "template", "session", "weights", "kind", "client"}

// Error is a problem with one exercise file. It prints as
// "FILE: FIELD: PROBLEM" like session.Error.
type Error = fileerr.Error

// ErrUnknown is wrapped by Lookup's error for an id no file defines.
var ErrUnknown = errors.New("unknown exercise")

// Decode parses and validates one exercise file's content; name is the
// file name used in errors. It checks the template exists with
// scalp.Lookup.
func Decode(data []byte, name string) (*Exercise, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, &Error{File: name, Problem: "not a JSON object: " + err.Error()}
	}
	if dec.More() {
		return nil, &Error{File: name, Problem: "trailing data after the exercise object"}
	}
	// A misspelt field would otherwise silently fall back to zero.
	for _, k := range slices.Sorted(maps.Keys(raw)) {
		if !slices.Contains(fields, k) {
			return nil, &Error{File: name, Field: k, Problem: "unknown field (known: " + strings.Join(fields, ", ") + ")"}
		}
	}
	var e Exercise
	if err := json.Unmarshal(data, &e); err != nil {
		field := ""
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			field = te.Field
		}
		return nil, &Error{File: name, Field: field, Problem: err.Error()}
	}
	if err := e.validate(name); err != nil {
		return nil, err
	}
	return &e, nil
}

func (e *Exercise) validate(name string) error {
	bad := func(field, format string, args ...any) error {
		return &Error{File: name, Field: field, Problem: fmt.Sprintf(format, args...)}
	}
	switch {
	case strings.TrimSpace(e.ID) == "":
		return bad("id", "missing")
	case strings.ContainsAny(e.ID, " \t\n/\\"):
		return bad("id", "%q has spaces or slashes", e.ID)
	case strings.TrimSpace(e.Title) == "":
		return bad("title", "missing")
	case strings.TrimSpace(e.Brief) == "":
		return bad("brief", "missing")
	case e.Template == "":
		return bad("template", "missing")
	case e.Session < 1 || e.Session > 3:
		// Domain.md §1: the work takes 2–4 sessions and the templates
		// carry targets for three.
		return bad("session", "%d is not 1, 2 or 3", e.Session)
	case len(e.Weights) == 0:
		return bad("weights", "missing: at least one criterion must count")
	}
	if e.Order <= 0 {
		return bad("order", "%d must be a positive integer", e.Order)
	}
	var total float64
	for _, id := range slices.Sorted(maps.Keys(e.Weights)) {
		w := e.Weights[id]
		if !slices.Contains(Criteria, id) {
			return bad("weights."+id, "unknown criterion (known: %s)", strings.Join(Criteria, ", "))
		}
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			return bad("weights."+id, "%v must be a finite number ≥ 0", w)
		}
		total += w
	}
	if total == 0 {
		return bad("weights", "all zero: at least one criterion must count")
	}
	if err := checkTemplate(e.Template); err != nil {
		return bad("template", "%v", err)
	}
	if e.Kind != "" && !slices.Contains(Kinds, e.Kind) {
		return bad("kind", "%q is not a kind of exercise (known: %s)", e.Kind, strings.Join(Kinds, ", "))
	}
	if e.IsMapping() && e.Client == "" {
		return bad("client", "missing: a mapping exercise names the client whose hairline is designed")
	}
	if e.IsMapping() && e.Weights["mapping"] <= 0 {
		return bad("weights.mapping", "a mapping exercise must weight the mapping criterion")
	}
	if e.Client != "" {
		c, err := client.Lookup(e.Client)
		if err != nil {
			return bad("client", "%v", err)
		}
		if c.Template != e.Template {
			return bad("client", "%s's head is the %s template, not %s", c.ID, c.Template, e.Template)
		}
	}
	return nil
}

// Load reads and validates every *.json file in dir of fsys (README.md and
// other files are ignored) and returns the exercises in progression order.
// Ids and orders must be unique. All files are checked; the error joins one
// *Error per bad file, and the good exercises are still returned.
func Load(fsys fs.FS, dir string) ([]*Exercise, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	var (
		out   []*Exercise
		errs  []error
		byID  = map[string]string{}
		byOrd = map[int]string{}
	)
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			errs = append(errs, &Error{File: n, Problem: err.Error()})
			continue
		}
		e, err := Decode(data, n)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if prev, ok := byID[e.ID]; ok {
			errs = append(errs, &Error{File: n, Field: "id", Problem: fmt.Sprintf("%q is also used by %s", e.ID, prev)})
			continue
		}
		if prev, ok := byOrd[e.Order]; ok {
			errs = append(errs, &Error{File: n, Field: "order", Problem: fmt.Sprintf("%d is also used by %s", e.Order, prev)})
			continue
		}
		byID[e.ID], byOrd[e.Order] = n, n
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Order < out[j].Order })
	return out, errors.Join(errs...)
}

var (
	loadOnce sync.Once
	loaded   []*Exercise
	loadErr  error
)

func shipped() ([]*Exercise, error) {
	loadOnce.Do(func() { loaded, loadErr = Load(assets.FS, Dir) })
	return loaded, loadErr
}

// LoadErr returns the problems with the shipped exercise files, or nil. The
// exercises that loaded are still offered by All, so one bad file does not
// take the trainer down; tests and `smpgrade` surface this error.
func LoadErr() error {
	_, err := shipped()
	return err
}

// All returns the shipped exercises that loaded, in progression order. The
// slice is a copy; the exercises are shared and must not be modified.
func All() []*Exercise {
	ex, _ := shipped()
	return slices.Clone(ex)
}

// Lookup returns the shipped exercise with the given id. The error wraps
// ErrUnknown, and names the shipped files' problems when there were any (the
// id may be in a file that failed to load).
func Lookup(id string) (*Exercise, error) {
	ex, err := shipped()
	for _, e := range ex {
		if e.ID == id {
			return e, nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("exercise %q: %w (some exercise files failed to load: %v)", id, ErrUnknown, err)
	}
	return nil, fmt.Errorf("exercise %q: %w", id, ErrUnknown)
}

// Default returns the exercise the trainer opens first, DefaultID. Should
// that file fail to load it returns the first exercise that did, so the
// trainer always has something to open; nil only if none loaded.
func Default() *Exercise {
	if e, err := Lookup(DefaultID); err == nil {
		return e
	}
	if ex, _ := shipped(); len(ex) > 0 {
		return ex[0]
	}
	return nil
}

// TotalWeight returns the sum of the weights, the divisor of the overall
// score's weighted mean.
func (e *Exercise) TotalWeight() float64 {
	var s float64
	for _, w := range e.Weights {
		s += w
	}
	return s
}
