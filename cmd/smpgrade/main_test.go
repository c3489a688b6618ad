package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for smpgrade: with
// SMPGRADE_AS_MAIN=1 it runs main() on the arguments after "--", so the
// tests below see real exit statuses and real stdout/stderr.
func TestMain(m *testing.M) {
	if os.Getenv("SMPGRADE_AS_MAIN") == "1" {
		for i, a := range os.Args {
			if a == "--" {
				os.Args = append([]string{"smpgrade"}, os.Args[i+1:]...)
				break
			}
		}
		main()
		return
	}
	os.Exit(m.Run())
}

func smpgrade(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "SMPGRADE_AS_MAIN=1")
	var o, e strings.Builder
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitCode()
	default:
		t.Fatal(err)
	}
	return code, o.String(), e.String()
}

func TestExitStatuses(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	if code, _, errs := smpgrade(t, "generate", "--template", "square20", "--style", "expert", "--seed", "1", "-o", good); code != 0 {
		t.Fatalf("generate: exit %d: %s", code, errs)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{]"), 0o644)

	if code, out, _ := smpgrade(t, "score", good); code != 0 || !strings.Contains(out, "overall") {
		t.Errorf("good file: exit %d", code)
	}
	if code, out, errs := smpgrade(t, "score", good, bad); code != 1 || !strings.Contains(out, good) || !strings.HasPrefix(errs, bad+": ") {
		t.Errorf("good+bad: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := smpgrade(t, "score"); code != 2 {
		t.Errorf("no files: exit %d, want 2", code)
	}
	if code, _, _ := smpgrade(t); code != 2 {
		t.Errorf("no command: exit %d, want 2", code)
	}
}
