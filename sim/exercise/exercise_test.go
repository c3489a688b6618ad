package exercise

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/smptrainer/smp/assets"
	"github.com/smptrainer/smp/sim/scalp"
)

// rawShipped decodes the shipped files without validating them.
func rawShipped() []*Exercise {
	names, _ := fs.Glob(assets.FS, Dir+"/*.json")
	var out []*Exercise
	for _, n := range names {
		data, _ := fs.ReadFile(assets.FS, n)
		var e Exercise
		if json.Unmarshal(data, &e) == nil {
			out = append(out, &e)
		}
	}
	return out
}

func TestEveryExerciseLoads(t *testing.T) {
	for _, e := range rawShipped() {
		t.Run(e.ID, func(t *testing.T) {
			got, err := Lookup(e.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := scalp.Lookup(got.Template); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestShippedExercisesLoad(t *testing.T) {
	if err := LoadErr(); err != nil {
		t.Fatalf("shipped exercises: %v", err)
	}
	all := rawShipped()
	sort.Slice(all, func(i, j int) bool { return all[i].Order < all[j].Order })
	if len(all) < 8 {
		t.Fatalf("%d exercises, issue 4 asks for at least 8", len(all))
	}
	for i, e := range all {
		if i > 0 && all[i-1].Order >= e.Order {
			t.Errorf("All not in progression order at %s", e.ID)
		}
		// The brief is 2–4 sentences a trainee reads.
		n := sentences(e.Brief)
		if n < 2 || n > 4 {
			t.Errorf("%s: brief has %d sentences, want 2–4", e.ID, n)
		}
	}
	if all[0].Template != "square20" {
		t.Errorf("progression starts with %s, want the square20 drill", all[0].Template)
	}
	last := all[len(all)-1]
	if last.Template != "norwood6" || last.Session != 3 {
		t.Errorf("progression ends with %s session %d, want norwood6 session 3", last.Template, last.Session)
	}
	// The progression must include the drills issue 4 names.
	for _, want := range []string{"norwood3", "norwood3v", "ludwig2"} {
		if !hasTemplate(all, want) {
			t.Errorf("no exercise on %s", want)
		}
	}
	if !hasTemplate(all, "fut-scar") && !hasTemplate(all, "fue-scars") {
		t.Error("no scar camouflage exercise")
	}
}

func hasTemplate(all []*Exercise, id string) bool {
	for _, e := range all {
		if e.Template == id {
			return true
		}
	}
	return false
}

func sentences(s string) int {
	n := 0
	rs := []rune(strings.TrimSpace(s))
	for i, r := range rs {
		if (r == '.' || r == '!' || r == '?') && (i == len(rs)-1 || unicode.IsSpace(rs[i+1])) {
			n++
		}
	}
	return n
}

func TestAllInOrder(t *testing.T) {
	all := All()
	for i, e := range all {
		if i > 0 && all[i-1].Order >= e.Order {
			t.Errorf("All not in progression order at %s", e.ID)
		}
		if got, err := Lookup(e.ID); err != nil || got != e {
			t.Errorf("Lookup(%q) = %v, %v", e.ID, got, err)
		}
	}
	if len(all) != len(rawShipped()) {
		t.Errorf("All has %d exercises, the folder %d files", len(all), len(rawShipped()))
	}
}

func TestDefault(t *testing.T) {
	d := Default()
	if d == nil {
		t.Fatal("Default() = nil")
	}
	if d.ID != DefaultID || d.Template != "norwood3" || d.Session != 1 || d.Weights["hairline"] == 0 {
		t.Errorf("Default() = %+v, want the norwood3 session-1 hairline exercise", d)
	}
}

func TestLookupUnknown(t *testing.T) {
	_, err := Lookup("no-such-exercise")
	if !errors.Is(err, ErrUnknown) || !strings.Contains(err.Error(), "no-such-exercise") {
		t.Errorf("Lookup unknown: %v", err)
	}
}

const good = `{"id":"x","order":1,"title":"T","brief":"B.","template":"square20","session":1,"weights":{"density":1}}`

func TestDecodeRejects(t *testing.T) {
	cases := []struct{ json, field string }{
		{`{`, ""},
		{`{"id":"x","order":1,"title":"T","brief":"B.","template":"square20","session":1,"weights":{"density":1},"wieghts":{}}`, "wieghts"},
		{strings.Replace(good, `"id":"x"`, `"id":""`, 1), "id"},
		{strings.Replace(good, `"id":"x"`, `"id":"a b"`, 1), "id"},
		{strings.Replace(good, `"order":1`, `"order":0`, 1), "order"},
		{strings.Replace(good, `"title":"T"`, `"title":" "`, 1), "title"},
		{strings.Replace(good, `"brief":"B."`, `"brief":""`, 1), "brief"},
		{strings.Replace(good, `"template":"square20"`, `"template":"norwood99"`, 1), "template"},
		{strings.Replace(good, `"session":1`, `"session":4`, 1), "session"},
		{strings.Replace(good, `"session":1`, `"session":0`, 1), "session"},
		{strings.Replace(good, `{"density":1}`, `{}`, 1), "weights"},
		{strings.Replace(good, `{"density":1}`, `{"density":0}`, 1), "weights"},
		{strings.Replace(good, `{"density":1}`, `{"density":-1}`, 1), "weights.density"},
		{strings.Replace(good, `{"density":1}`, `{"densty":1}`, 1), "weights.densty"},
		{good + `{}`, ""},
		{strings.Replace(good, `"session":1`, `"session":"one"`, 1), "session"},
	}
	for _, c := range cases {
		_, err := Decode([]byte(c.json), "f.json")
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: error %v is not an *Error", c.json, err)
			continue
		}
		if e.File != "f.json" || (c.field != "" && e.Field != c.field) {
			t.Errorf("%s: got %q, want field %q", c.json, err, c.field)
		}
	}
	if _, err := Decode([]byte(good), "f.json"); err != nil {
		t.Errorf("good exercise rejected: %v", err)
	}
}

func TestLoadDuplicatesAndOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"ex/README.md": {Data: []byte("# not an exercise")},
		"ex/b.json":    {Data: []byte(strings.Replace(good, `"order":1`, `"order":5`, 1))},
		"ex/a.json":    {Data: []byte(strings.Replace(good, `"id":"x"`, `"id":"y"`, 1))},
		"ex/c.json":    {Data: []byte(strings.Replace(good, `"order":1`, `"order":9`, 1))}, // duplicate id x
		"ex/d.json":    {Data: []byte(`not json`)},
	}
	got, err := Load(fsys, "ex")
	if len(got) != 2 || got[0].ID != "y" || got[1].ID != "x" {
		t.Fatalf("Load = %v, want y then x", got)
	}
	if err == nil || !strings.Contains(err.Error(), "ex/c.json: id:") || !strings.Contains(err.Error(), "ex/d.json") {
		t.Errorf("Load error = %v, want the duplicate id in c.json and the bad d.json named", err)
	}
}

func TestMappingExercisesNameAClientOnTheirTemplate(t *testing.T) {
	base := `{"id":"m","order":1,"title":"t","brief":"One. Two.","template":"norwood3","session":1,"weights":{"mapping":1}`
	for _, tc := range []struct{ extra, field string }{
		{`,"kind":"mapping"}`, "client"},
		{`,"kind":"drawing","client":"c03"}`, "kind"},
		{`,"kind":"mapping","client":"c01"}`, "client"}, // c01 is on norwood2
		{`,"kind":"mapping","client":"zz"}`, "client"},
	} {
		_, err := Decode([]byte(base+tc.extra), "m.json")
		var fe *Error
		if !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("%s: %v, want an error on %s", tc.extra, err, tc.field)
		}
	}
	e, err := Decode([]byte(base+`,"kind":"mapping","client":"c03"}`), "m.json")
	if err != nil || !e.IsMapping() || e.Client != "c03" {
		t.Errorf("good mapping exercise: %v %+v", err, e)
	}
	n := 0
	for _, e := range All() {
		if e.IsMapping() {
			n++
		}
	}
	if n < 6 {
		t.Errorf("%d mapping exercises, issue 11 asks for six", n)
	}
}

// TestPatchBriefsCarryPast: the brief of every exercise on a template with
// alopecia areata patches, and that template's description, give the
// carry-past width the scorer leaves to blending (scalp.CarryPastMM), so
// the brief and "dots where none belong" agree on where the work may go.
func TestPatchBriefsCarryPast(t *testing.T) {
	want := fmt.Sprintf("%g mm past", scalp.CarryPastMM)
	seen := 0
	for _, e := range All() {
		tp, err := scalp.Lookup(e.Template)
		if err != nil {
			t.Fatal(err)
		}
		hasPatch := false
		for _, z := range tp.Zones {
			hasPatch = hasPatch || (z.Kind == scalp.Patch && z.Treated())
		}
		if !hasPatch {
			continue
		}
		seen++
		if !strings.Contains(e.Brief, want) {
			t.Errorf("exercise %s: the brief does not say how far to carry the dots past a patch (%q): %q", e.ID, want, e.Brief)
		}
		if !strings.Contains(tp.Description, want) {
			t.Errorf("template %s: the description does not say %q: %q", tp.ID, want, tp.Description)
		}
	}
	if seen == 0 {
		t.Error("no exercise on a template with areata patches")
	}
}
