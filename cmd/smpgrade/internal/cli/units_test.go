package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Treating the 17-year-old client makes the consultation unit "not yet
// competent" whatever the other attempts score, and history says why.
func TestRecordCourseUnits(t *testing.T) {
	dir := t.TempDir()
	write := func(name, consultation string) string {
		p := filepath.Join(dir, name)
		body := `{"format":"smp-session","version":1,"template":"norwood3","trainee":"ann","saved":"2026-11-0` + name[1:2] + `T10:00:00Z","impressions":[],"consultation":` + consultation + `}`
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := `{"client": "c07", "decision": "postpone", "postpone_days": 30, "reasons": ["psoriasis-flare"]}`
	files := []string{write("a1.json", good), write("a2.json", strings.Replace(good, "30", "40", 1)), write("a3.json", strings.Replace(good, "30", "50", 1))}
	db := filepath.Join(dir, "course.db")
	var out, errb bytes.Buffer
	run := func(args ...string) string {
		t.Helper()
		out.Reset()
		errb.Reset()
		if st := Main(args, &out, &errb); st != exitOK {
			t.Fatalf("%v: status %d: %s", args, st, errb.String())
		}
		return out.String()
	}
	unitLine := func() string {
		for _, l := range strings.Split(run("history", "--db", db), "\n") {
			if strings.Contains(l, "Consultation and screening") {
				return l
			}
		}
		t.Fatal("no consultation unit in history")
		return ""
	}
	run(append([]string{"record", "--db", db}, files...)...)
	if l := unitLine(); strings.Contains(l, "not yet") || !strings.Contains(l, "competent (last 3") {
		t.Fatalf("three good postponements: %q", l)
	}
	run("record", "--db", db, write("a4.json", `{"client": "c13", "decision": "decline", "reasons": ["under-18"]}`))
	run("record", "--db", db, write("a5.json", `{"client": "c13", "decision": "treat"}`))
	if l := unitLine(); !strings.Contains(l, "not yet competent") || !strings.Contains(l, "treated-minor") {
		t.Fatalf("after treating a minor: %q", l)
	}
	if st := Main([]string{"record", "--db", db, "--competent", "last=0"}, &out, &errb); st != exitUsage {
		t.Errorf("a rule of last=0 accepted: %d", st)
	}
}
