package cli

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
	"github.com/smptrainer/smp/cmd/smpgrade/internal/grading"
	"github.com/smptrainer/smp/sim/exercise"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/plausibility"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
	"github.com/smptrainer/smp/sim/session"
)

// attemptFile writes a trainee's expert-style practice-field work for
// session n, saved on the given day of September 2026.
func attemptFile(t testing.TB, dir, trainee string, n, day int, seed uint64) string {
	t.Helper()
	tp, err := scalp.Lookup(practice)
	if err != nil {
		t.Fatal(err)
	}
	ims, err := pattern.Generate(tp, pattern.Expert, n, seed)
	if err != nil {
		t.Fatal(err)
	}
	s := &session.Session{Template: practice, Number: n, Trainee: trainee, Impressions: ims,
		Saved: time.Date(2026, 9, day, 10, 0, 0, 0, time.UTC), App: "test"}
	path := filepath.Join(dir, trainee+"-"+string(rune('0'+n))+".json")
	if err := session.Save(path, s); err != nil {
		t.Fatal(err)
	}
	return path
}

func fileSum(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

func historyJSON(t *testing.T, db string, trainees ...string) []gradebook.History {
	t.Helper()
	code, out, errOut := run(append([]string{"history", "--db", db, "--json"}, trainees...)...)
	if code != 0 {
		t.Fatalf("history --json: exit %d: %s", code, errOut)
	}
	var hs []gradebook.History
	if err := json.Unmarshal([]byte(out), &hs); err != nil {
		t.Fatalf("history --json: %v\n%s", err, out)
	}
	return hs
}

func TestRecordClass(t *testing.T) {
	dir := t.TempDir()
	class := filepath.Join(dir, "class")
	os.Mkdir(class, 0o755)
	files := []string{
		attemptFile(t, class, "ann", 1, 1, 1), attemptFile(t, class, "ann", 2, 15, 2),
		attemptFile(t, class, "bob", 1, 2, 3), attemptFile(t, class, "bob", 2, 16, 4),
	}
	broken := filepath.Join(class, "broken.json")
	os.WriteFile(broken, []byte(`{"format":"smp-session","version":1,"template":"square20","impressions":[{"x_mm":NaN}]}`), 0o644)
	nobody := goodFile(t, class, "nobody.json")
	{ // goodFile names "Ann"; make it name nobody
		s, err := session.Load(nobody)
		if err != nil {
			t.Fatal(err)
		}
		s.Trainee = ""
		session.Save(nobody, s)
	}
	db := filepath.Join(dir, "class.gradebook")

	code, out, errOut := run("record", "--db", db, class)
	if code != exitFailed {
		t.Fatalf("exit %d, want 1 (two bad files)\n%s%s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], broken+": ") || !strings.HasPrefix(lines[1], nobody+": trainee") {
		t.Errorf("stderr:\n%s", errOut)
	}
	if !strings.Contains(out, "4 recorded, 0 already") {
		t.Errorf("stdout:\n%s", out)
	}

	// Stored scores are what "score" reports for the same file.
	code, scoreOut, _ := run("score", "--json", files[1])
	if code != 0 {
		t.Fatal("score failed")
	}
	var reports []fileReport
	if err := json.Unmarshal([]byte(scoreOut), &reports); err != nil {
		t.Fatal(err)
	}
	hs := historyJSON(t, db, "ann")
	if len(hs) != 1 || len(hs[0].Attempts) != 2 {
		t.Fatalf("ann's history: %+v", hs)
	}
	a := hs[0].Attempts[1]
	if a.Overall != reports[0].Overall || len(a.Criteria) != len(reports[0].Criteria) {
		t.Errorf("stored overall %v, %d criteria; score says %v, %d", a.Overall, len(a.Criteria), reports[0].Overall, len(reports[0].Criteria))
	}
	for i, c := range a.Criteria {
		if c.ID != reports[0].Criteria[i].ID || c.Score != reports[0].Criteria[i].Score {
			t.Errorf("criterion %d stored %+v, score says %+v", i, c, reports[0].Criteria[i])
		}
	}
	if a.FileSHA256 != fileSum(t, files[1]) || a.File != files[1] || !a.Date.Equal(time.Date(2026, 9, 15, 10, 0, 0, 0, time.UTC)) ||
		a.Session != 2 || a.Template != practice || a.App != "test" || !a.FlagsChecked {
		t.Errorf("stored attempt %+v", a)
	}
	if len(a.Flags) != 0 {
		t.Errorf("expert work flagged: %+v", a.Flags)
	}

	// Again: nothing new, and the exit status is clean for good files.
	code, out, errOut = run("record", "--db", db, files[0], files[1])
	if code != 0 || !strings.Contains(out, "0 recorded, 2 already") || errOut != "" {
		t.Errorf("re-record: exit %d\n%s%s", code, out, errOut)
	}
	// --trainee files the same bytes under another name.
	code, out, _ = run("record", "--db", db, "--trainee", "Cy Twin", files[0])
	if code != 0 || !strings.Contains(out, "recorded for Cy Twin") {
		t.Errorf("--trainee: exit %d\n%s", code, out)
	}
	if hs := historyJSON(t, db, "Cy Twin"); len(hs[0].Attempts) != 1 {
		t.Errorf("Cy Twin has %d attempts", len(hs[0].Attempts))
	}
}

// Flags reach the gradebook and the record line.
func TestRecordStoresFlags(t *testing.T) {
	dir := t.TempDir()
	path := attemptFile(t, dir, "eve", 1, 3, 9)
	s, err := session.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range s.Impressions {
		s.Impressions[i].TimeS = 0
	}
	s.Impressions[0].Pos.X += 0.1
	// Write the old hash back by hand: the file was edited after saving.
	old := s.Hash()
	if err := session.Save(path, s); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	s.Impressions[0].Pos.X -= 0.1
	data = []byte(strings.Replace(string(data), old, s.Hash(), 1))
	os.WriteFile(path, data, 0o644)

	db := filepath.Join(dir, "g.db")
	code, out, errOut := run("record", "--db", db, path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, plausibility.CodeEdited) || !strings.Contains(out, plausibility.CodeNoTimes) {
		t.Errorf("record line does not name the flags:\n%s", out)
	}
	a := historyJSON(t, db, "eve")[0].Attempts[0]
	var codes []string
	for _, f := range a.Flags {
		codes = append(codes, f.Code)
	}
	if strings.Join(codes, ",") != plausibility.CodeEdited+","+plausibility.CodeNoTimes {
		t.Errorf("stored flags %v", codes)
	}
}

func TestRecordBadGradebook(t *testing.T) {
	dir := t.TempDir()
	f := attemptFile(t, dir, "ann", 1, 1, 1)
	notes := filepath.Join(dir, "notes.txt")
	os.WriteFile(notes, []byte("not a database"), 0o644)
	code, out, errOut := run("record", "--db", notes, f)
	if code != exitFailed || !strings.Contains(errOut, notes+": not an SQLite database") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	if data, _ := os.ReadFile(notes); string(data) != "not a database" {
		t.Error("the file was overwritten")
	}
	for _, args := range [][]string{
		{"record", f},
		{"record", "--db", filepath.Join(dir, "x.db")},
		{"record", "--db", filepath.Join(dir, "x.db"), "--trainee", "a\nb", f},
		{"history"},
	} {
		if code, _, errOut := run(args...); code != exitUsage || errOut == "" {
			t.Errorf("%q: exit %d, %q", args, code, errOut)
		}
	}
}

// TestRecordBrokenGradebookFailsOnce: a file marked as a gradebook whose
// tables are not a gradebook's fails the whole record with one line,
// before any file is graded, and is left byte for byte as it was; a
// trainee name that disguises how it reads is refused.
func TestRecordBrokenGradebookFailsOnce(t *testing.T) {
	dir := t.TempDir()
	files := []string{attemptFile(t, dir, "ann", 1, 1, 1), attemptFile(t, dir, "bob", 1, 2, 2), attemptFile(t, dir, "cy", 1, 3, 3)}
	broken := filepath.Join(dir, "broken.db")
	db, err := sql.Open("sqlite", broken)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fmt.Sprintf("PRAGMA application_id = %d; PRAGMA user_version = %d; CREATE TABLE attempt (id INTEGER PRIMARY KEY)", gradebook.ApplicationID, gradebook.Version)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := fileSum(t, broken)
	code, out, errOut := run(append([]string{"record", "--db", broken}, files...)...)
	if code != exitFailed || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "not a gradebook's") {
		t.Errorf("exit %d, stderr (want one line):\n%s%s", code, errOut, out)
	}
	if fileSum(t, broken) != before {
		t.Error("the refused gradebook was changed")
	}
	if code, _, errOut := run("record", "--db", filepath.Join(dir, "ok.db"), "--trainee", "Ann\u202egpj.exe", files[0]); code != exitUsage || !strings.Contains(errOut, "U+202E") {
		t.Errorf("a spoofing --trainee: exit %d, %q", code, errOut)
	}
}

// TestRecordWeightsAsScore: record grades a file with the weights score
// uses (the exercise's on its own template, the default elsewhere), so the
// gradebook's overall is the one "smpgrade score" prints.
func TestRecordWeightsAsScore(t *testing.T) {
	exs := exercise.All()
	if len(exs) == 0 {
		t.Skip("no shipped exercises")
	}
	ex := exs[len(exs)-1]
	tp, err := scalp.Lookup(ex.Template)
	if err != nil {
		t.Fatal(err)
	}
	other := practice
	if other == ex.Template {
		other = "norwood3"
	}
	dir := t.TempDir()
	for _, c := range []struct {
		template string
		want     score.Weights
	}{{ex.Template, score.Weights(ex.Weights)}, {other, nil}} {
		s := &session.Session{Template: c.template, Exercise: ex.ID, Number: ex.Session, Trainee: "Ann"}
		if c.template == ex.Template {
			ims, err := pattern.Generate(tp, pattern.Clumped, ex.Session, 3)
			if err != nil {
				t.Fatal(err)
			}
			s.Impressions = ims
		}
		path := filepath.Join(dir, c.template+".json")
		if err := session.Save(path, s); err != nil {
			t.Fatal(err)
		}
		back, err := session.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if w, _, _ := grading.Weights(back); !maps.Equal(w, c.want) {
			t.Errorf("%s: weights %v, want %v", c.template, w, c.want)
		}
		a, err := gradeAttempt(path, "")
		if err != nil {
			t.Fatal(err)
		}
		r, err := gradeFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if a.Overall != r.Overall {
			t.Errorf("%s: record's overall %v, score's %v", c.template, a.Overall, r.Overall)
		}
	}
}

// TestRecordProgressOnTerminal: on a terminal record shows the progress
// line score shows, and clears it before every line it prints, on stdout
// or stderr, so with both on one terminal no line is mixed with it.
func TestRecordProgressOnTerminal(t *testing.T) {
	saved := progressTerminal
	defer func() { progressTerminal = saved }()
	progressTerminal = func(io.Writer) bool { return true }
	dir := t.TempDir()
	a, b := attemptFile(t, dir, "ann", 1, 1, 1), attemptFile(t, dir, "bob", 1, 2, 2)
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{]"), 0o644); err != nil {
		t.Fatal(err)
	}
	var term bytes.Buffer // stdout and stderr on one terminal
	code := Main([]string{"record", "--db", filepath.Join(dir, "class.db"), a, bad, b}, &term, &term)
	if code != exitFailed {
		t.Fatalf("exit %d, want 1:\n%s", code, term.String())
	}
	for i, f := range []string{a, bad, b} {
		if want := fmt.Sprintf("[%d/3] grading ", i+1); !strings.Contains(term.String(), want) || !strings.Contains(term.String(), filepath.Base(f)) {
			t.Errorf("terminal lacks %q for %s: %q", want, f, term.String())
		}
	}
	shown := screen(term.String())
	if len(shown) != 5 || shown[4] != "" {
		t.Fatalf("terminal shows %q, want 3 file lines, the summary and a clear line", shown)
	}
	for i, f := range []string{a, bad, b} {
		if !strings.HasPrefix(shown[i], f+": ") {
			t.Errorf("line %d is %q, want it to start with %s", i+1, shown[i], f)
		}
	}
}
