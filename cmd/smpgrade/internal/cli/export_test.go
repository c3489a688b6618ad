package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestExportMoodleCanvas records a small class and exports it in both
// platforms' layouts; the grades must be each trainee's latest overall
// score as "history --json" lists the attempts (an independent reading of
// the gradebook), the files must start with a BOM, and a trainee missing
// from the roster is named and left out.
func TestExportMoodleCanvas(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "class.gradebook")
	files := []string{
		attemptFile(t, dir, "ann", 1, 5, 1), attemptFile(t, dir, "ann", 2, 20, 2),
		attemptFile(t, dir, "Zoë Ødegård", 1, 7, 3), attemptFile(t, dir, "=cmd", 1, 8, 4),
		goodFile(t, dir, "late.json"), // "Ann", today: her latest
	}
	if code, out, errOut := run(append([]string{"record", "--db", db}, files...)...); code != 0 {
		t.Fatalf("record: exit %d\n%s%s", code, out, errOut)
	}
	latest := map[string]float64{}
	for _, h := range historyJSON(t, db) {
		latest[h.Trainee] = h.Attempts[len(h.Attempts)-1].Overall
	}
	if latest["Ann"] == latest["ann"] {
		t.Fatalf("the test needs Ann's latest score to differ from ann's: %v", latest)
	}
	roster := filepath.Join(dir, "roster.csv")
	os.WriteFile(roster, []byte(utf8BOM+"Email,Name,ID,Section,Phone\r\n"+
		"ann@example.org,Ann,S1,A,123\r\nzoe@example.org,  zoë ødegård ,S2,B,\r\n"), 0o644)

	parse := func(out string) [][]string {
		t.Helper()
		if !strings.HasPrefix(out, utf8BOM) {
			t.Fatalf("no UTF-8 BOM: %q", out[:min(len(out), 20)])
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, utf8BOM))).ReadAll()
		if err != nil {
			t.Fatalf("not CSV: %v\n%s", err, out)
		}
		return rows
	}
	grade := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("grade %q: %v", s, err)
		}
		return v
	}

	code, out, errOut := run("export", "--db", db, "--format", "moodle", "--roster", roster)
	if code != exitFailed || !strings.Contains(errOut, `"=cmd" is not in the roster`) || strings.Count(errOut, "\n") != 1 {
		t.Errorf("moodle: exit %d, stderr %q", code, errOut)
	}
	rows := parse(out)
	byEmail := func(rows [][]string, col int) map[string][]string {
		m := map[string][]string{}
		for _, r := range rows {
			m[r[col]] = r
		}
		return m
	}
	want := []string{"First name", "Last name", "ID number", "Email address", "SMP free practice on " + practice}
	if strings.Join(rows[0], "|") != strings.Join(want, "|") || len(rows) != 3 {
		t.Fatalf("moodle rows %q", rows)
	}
	m := byEmail(rows, 3)
	if r := m["zoe@example.org"]; r[0] != "zoë" || r[1] != "ødegård" || r[2] != "S2" || r[3] != "zoe@example.org" || grade(r[4]) != round4(latest["Zoë Ødegård"]) {
		t.Errorf("moodle row %q, latest %v", r, latest["Zoë Ødegård"])
	}
	if r := m["ann@example.org"]; r[0] != "Ann" || grade(r[4]) != round4(latest["Ann"]) {
		t.Errorf("moodle row %q: want Ann's latest (as \"Ann\", not \"ann\"), %v", r, latest["Ann"])
	}

	_, out, _ = run("export", "--db", db, "--format", "canvas", "--roster", roster)
	rows = parse(out)
	if strings.Join(rows[0][:5], "|") != "Student|ID|SIS User ID|SIS Login ID|Section" || rows[1][0] != "Points Possible" || rows[1][5] != "100" {
		t.Fatalf("canvas header %q", rows[:2])
	}
	if r := byEmail(rows, 3)["ann@example.org"]; r[0] != "Ann" || r[2] != "S1" || r[4] != "A" || grade(r[5]) != round4(latest["Ann"]) {
		t.Errorf("canvas row %q", r)
	}

	// Bad rosters: one line naming the file and the problem.
	for name, body := range map[string]string{
		"no name column": "email,id\r\na@x,1\r\n",
		"no id or email": "name,email,id\r\nann,,\r\n",
		"twice":          "name,email\r\nann,a@x\r\nANN,b@x\r\n",
		"not csv":        "name,email\r\n\"ann,a@x\r\n",
	} {
		p := filepath.Join(dir, "bad.csv")
		os.WriteFile(p, []byte(body), 0o644)
		code, _, errOut := run("export", "--db", db, "--format", "canvas", "--roster", p)
		if code != exitFailed || !strings.Contains(errOut, p) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q", name, code, errOut)
		}
	}
	if code, _, _ := run("export", "--db", db, "--format", "blackboard", "--roster", roster); code != exitUsage {
		t.Errorf("unknown format: exit %d", code)
	}
}

func TestScoreCSVBOM(t *testing.T) {
	f := attemptFile(t, t.TempDir(), "ann", 1, 5, 1)
	_, plain, _ := run("score", "--csv", f)
	_, withBOM, _ := run("score", "--csv", "--bom", f)
	if strings.HasPrefix(plain, utf8BOM) || withBOM != utf8BOM+plain {
		t.Errorf("--bom: plain %q…, with BOM %q…", plain[:10], withBOM[:10])
	}
	if code, _, _ := run("score", "--bom", f); code != exitUsage {
		t.Errorf("--bom without --csv: exit %d", code)
	}
}
