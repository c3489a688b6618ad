package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/smptrainer/smp/sim/fileerr"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/session"
)

func run(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Main(args, &o, &e)
	return code, o.String(), e.String()
}

// practice is the template the tests grade: the small practice field keeps
// them fast (generating a full scalp takes seconds).
const practice = "square20"

// goodFile writes a valid session of a small blob of dots around the
// centroid of the practice template and returns its path.
func goodFile(t testing.TB, dir, name string) string {
	t.Helper()
	tp, err := scalp.Lookup(practice)
	if err != nil {
		t.Fatal(err)
	}
	c := tp.Outline.Centroid()
	s := &session.Session{Template: tp.ID, Number: 1, Trainee: "Ann"}
	for i := range 40 {
		p := geom.Point{X: c.X + float64(i%7)*0.9 - 3, Y: c.Y + float64(i/7)*0.9 - 3}
		s.Impressions = append(s.Impressions, impression.New(p, impression.DefaultNeedle, 1, float64(i)))
	}
	path := filepath.Join(dir, name)
	if err := session.Save(path, s); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestHelpListsEveryCommand(t *testing.T) {
	code, out, _ := run("help")
	if code != 0 {
		t.Fatalf("help exit %d", code)
	}
	for _, c := range commands {
		if !strings.Contains(out, "  "+c.name+" ") {
			t.Errorf("help does not list %q", c.name)
		}
		if code, out, _ := run("help", c.name); code != 0 || !strings.Contains(out, "usage: smpgrade "+c.name) {
			t.Errorf("help %s: exit %d, %q", c.name, code, out)
		}
	}
}

func TestBadUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"help", "frobnicate"},
		{"templates", "--bogus"},
		{"templates", "extra"},
		{"score"},
		{"score", "--json"},
		{"score", "--nope", "a.json"},
		{"generate"},
		{"generate", "--template", "square20", "--style", "expert", "-o", "x.json"}, // no seed
		{"generate", "--template", "nope", "--style", "expert", "--seed", "1", "-o", "x.json"},
		{"generate", "--template", "square20", "--style", "sloppy", "--seed", "1", "-o", "x.json"},
		{"generate", "--template", "square20", "--style", "expert", "--seed", "1", "--session", "4", "-o", "x.json"},
		{"generate", "--template", "square20", "--style", "expert", "--seed", "-1", "-o", "x.json"},
	} {
		code, out, errs := run(args...)
		if code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
		if out != "" {
			t.Errorf("%q: wrote to stdout: %q", args, out)
		}
		if !strings.Contains(errs, "usage:") {
			t.Errorf("%q: stderr has no usage: %q", args, errs)
		}
	}
}

func TestTemplatesJSON(t *testing.T) {
	code, out, errs := run("templates", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got []templateJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	all := scalp.All()
	if len(got) != len(all) {
		t.Fatalf("%d templates, want %d", len(got), len(all))
	}
	for i, tp := range all {
		g := got[i]
		if g.ID != tp.ID || len(g.Zones) != len(tp.Zones) || len(g.Outline) != len(tp.Outline) {
			t.Errorf("template %s: got id %s, %d zones, %d outline points", tp.ID, g.ID, len(g.Zones), len(g.Outline))
			continue
		}
		var sum float64
		for _, z := range g.Zones {
			sum += z.AreaCM2
			if len(z.Polygon) < 3 || len(z.Targets) != 3 {
				t.Errorf("%s/%s: %d polygon points, %d targets", tp.ID, z.ID, len(z.Polygon), len(z.Targets))
			}
		}
		if d := sum - g.AreaCM2; d > 0.01*g.AreaCM2 || d < -0.01*g.AreaCM2 {
			t.Errorf("%s: zones add to %.2f cm², outline %.2f cm²", tp.ID, sum, g.AreaCM2)
		}
	}
	code, out, _ = run("templates")
	if code != 0 {
		t.Fatal(code)
	}
	for _, tp := range all {
		if !strings.Contains(out, tp.ID) {
			t.Errorf("table lacks %s", tp.ID)
		}
	}
}

func TestScoreGoodAndBad(t *testing.T) {
	dir := t.TempDir()
	good := goodFile(t, dir, "good.json")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"format":"smp-session","version":7,"template":"square20"}`), 0o644)

	code, out, errs := run("score", "--json", bad, good)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], bad+": version:") {
		t.Fatalf("stderr %q: want one line naming %s", errs, bad)
	}
	var reps []fileReport
	if err := json.Unmarshal([]byte(out), &reps); err != nil {
		t.Fatalf("stdout not JSON: %v\n%s", err, out)
	}
	if len(reps) != 1 || reps[0].File != good || reps[0].Impressions != 40 {
		t.Fatalf("reports %+v", reps)
	}
	r := reps[0]
	if r.Overall < 0 || r.Overall > 100 || len(r.Criteria) == 0 || len(r.Zones) == 0 {
		t.Fatalf("implausible report %+v", r)
	}
	n := 0
	for _, z := range r.Zones {
		n += z.Impressions
		for _, f := range []string{`"clark_evans_r_naive"`, `"nn_mean_mm"`, `"density_per_cm2"`} {
			if !strings.Contains(out, f) {
				t.Errorf("JSON lacks %s", f)
			}
		}
	}
	if n != 40 {
		t.Errorf("zones hold %d impressions, want 40", n)
	}

	// Plain output: the good file's table, the bad file on stderr.
	code, out, errs = run("score", good, bad)
	if code != 1 || !strings.Contains(out, good) || !strings.Contains(out, "overall") || strings.Contains(out, bad) {
		t.Fatalf("plain: exit %d\n%s", code, out)
	}
	if !strings.Contains(errs, bad) {
		t.Fatalf("plain: stderr %q", errs)
	}
	// All good: exit 0.
	if code, _, errs := run("score", good); code != 0 || errs != "" {
		t.Fatalf("good only: exit %d, %q", code, errs)
	}
}

func TestScoreHostileInputs(t *testing.T) {
	dir := t.TempDir()
	class := filepath.Join(dir, "class")
	os.MkdirAll(filepath.Join(class, "week1"), 0o755)
	goodFile(t, class, "ann.json")
	goodFile(t, filepath.Join(class, "week1"), "bob.json")
	os.WriteFile(filepath.Join(class, "notes.txt"), []byte("not a session"), 0o644)
	hostile := map[string]string{
		"empty.json":     "",
		"binary.json":    "\x89PNG\r\n\x1a\n\x00\xff\xfe",
		"truncated.json": `{"format":"smp-session","version":1,"template":"square20","impressions":[{"x_mm":`,
		"nan.json":       `{"format":"smp-session","version":1,"template":"square20","impressions":[{"x_mm":NaN,"y_mm":0}]}`,
		"deep.json":      `{"format":"smp-session","version":1,"template":"square20","x":` + strings.Repeat("[", 100000) + `}`,
		"array.json":     `[1,2,3]`,
		"unknown.json":   `{"format":"smp-session","version":1,"template":"norwood99"}`,
		"new\nline.json": "{\"format\":\"smp-session\",\"version\":1,\"template\":\"sq\\nuare20\"}",
	}
	for name, src := range hostile {
		os.WriteFile(filepath.Join(class, "week1", name), []byte(src), 0o644)
	}
	fifo := filepath.Join(class, "week1", "pipe.json")
	if err := mkfifo(fifo); err == nil {
		hostile["pipe.json"] = "" // listed as a failure, never opened
	}
	missing := filepath.Join(dir, "missing.json")
	empty := filepath.Join(dir, "emptydir")
	os.Mkdir(empty, 0o755)

	code, out, errs := run("score", "--json", class, missing, empty)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != len(hostile)+2 {
		t.Errorf("%d stderr lines, want %d:\n%s", len(lines), len(hostile)+2, errs)
	}
	for name := range hostile {
		// A newline in a file name is escaped, keeping one line per file.
		if !strings.Contains(errs, fileerr.OneLine(filepath.Join(class, "week1", name))+": ") {
			t.Errorf("stderr does not name %s", name)
		}
	}
	for _, p := range []string{missing, empty} {
		if !strings.Contains(errs, p+": ") {
			t.Errorf("stderr does not name %s", p)
		}
	}
	var reps []fileReport
	if err := json.Unmarshal([]byte(out), &reps); err != nil {
		t.Fatalf("stdout not JSON: %v", err)
	}
	if len(reps) != 2 {
		t.Fatalf("%d files graded, want the 2 good ones", len(reps))
	}
}

func TestGenerateAndScore(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	tp := practice
	for _, p := range []string{a, b} {
		if code, _, errs := run("generate", "--template", tp, "--style", "expert", "--session", "2", "--seed", "7", "-o", p); code != 0 {
			t.Fatalf("generate: exit %d: %s", code, errs)
		}
	}
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) {
		t.Fatal("the same arguments gave different files")
	}
	s, err := session.Load(a)
	if err != nil {
		t.Fatal(err)
	}
	if s.Template != tp || s.Number != 2 || len(s.Impressions) == 0 || s.EditedAfterSave() {
		t.Fatalf("generated session: %s session %d, %d impressions", s.Template, s.Number, len(s.Impressions))
	}
	if code, out, errs := run("score", a); code != 0 || !strings.Contains(out, fmt.Sprintf("%d impressions", len(s.Impressions))) {
		t.Fatalf("score: exit %d\n%s\n%s", code, out, errs)
	}
	// --exercise records the exercise and takes its template and session;
	// score then uses the exercise's weights.
	ex := filepath.Join(dir, "ex.json")
	if code, _, errs := run("generate", "--exercise", "square-even-s1", "--style", "grid", "--seed", "3", "-o", ex); code != 0 {
		t.Fatalf("generate --exercise: exit %d: %s", code, errs)
	}
	if s, err := session.Load(ex); err != nil || s.Exercise != "square-even-s1" || s.Template != practice {
		t.Fatalf("generate --exercise: %+v, %v", s, err)
	}
	if _, out, _ := run("score", ex); !strings.Contains(out, "the exercise's weights") {
		t.Fatalf("score did not use the exercise's weights:\n%s", out)
	}
	if code, _, _ := run("generate", "--exercise", "nope", "--style", "grid", "--seed", "3", "-o", ex); code != 2 {
		t.Fatalf("unknown exercise: exit %d, want 2", code)
	}
	// A bad output path fails with status 1, naming it.
	bad := filepath.Join(dir, "no", "such", "dir", "c.json")
	if code, _, errs := run("generate", "--template", tp, "--style", "random", "--seed", "1", "-o", bad); code != 1 || !strings.Contains(errs, bad) {
		t.Fatalf("bad path: exit %d, %q", code, errs)
	}
}

func TestEditedFlag(t *testing.T) {
	dir := t.TempDir()
	p := goodFile(t, dir, "e.json")
	data, _ := os.ReadFile(p)
	edited := bytes.Replace(data, []byte(`"t_s": 3}`), []byte(`"t_s": 3.5}`), 1)
	if bytes.Equal(edited, data) {
		t.Fatal("edit did not apply")
	}
	os.WriteFile(p, edited, 0o644)
	code, out, _ := run("score", "--json", p)
	var reps []fileReport
	if code != 0 || json.Unmarshal([]byte(out), &reps) != nil || !reps[0].EditedAfterSave {
		t.Fatalf("edited file not flagged: exit %d %s", code, out)
	}
	if _, out, _ := run("score", p); !strings.Contains(out, "WARNING") {
		t.Fatal("plain output does not warn of the edit")
	}
}
