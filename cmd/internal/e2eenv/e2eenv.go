// Package e2eenv says whether an end-to-end test has what it needs on this
// machine (an X display for the trainer's window, a browser for the class
// report) and turns a missing one into a skip with a reason, or into a
// failure when SMP_E2E=1. `make test` sets it, so CI can never pass by
// skipping the tests that matter most.
package e2eenv

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"testing"
)

// Env is the variable that makes a missing display or browser a failure.
const Env = "SMP_E2E"

// Required reports whether end-to-end tests must run (SMP_E2E=1).
func Required() bool { return os.Getenv(Env) == "1" }

// NoDisplay returns why a window cannot open here, or "" when it can.
// Only Linux needs an X server named in DISPLAY; Windows and macOS always
// have a desktop when tests run on them.
func NoDisplay() string {
	if runtime.GOOS == "linux" && os.Getenv("DISPLAY") == "" {
		return "no DISPLAY: the end-to-end test needs an X server; run `xvfb-run -a go test ./cmd/...` or `make test`"
	}
	return ""
}

// Skip skips t because of why, or fails it when SMP_E2E=1.
func Skip(t testing.TB, why string) {
	t.Helper()
	if Required() {
		t.Fatalf("%s=1 but %s", Env, why)
	}
	t.Skipf("%s (set %s=1 to make this a failure)", why, Env)
}

// MainSkip is Skip for a TestMain, which has no testing.TB: with SMP_E2E=1
// it prints why and exits 1; otherwise it returns the message each test
// should skip with.
func MainSkip(why string) string {
	if Required() {
		fmt.Fprintf(os.Stderr, "e2e: %s=1 but %s\n", Env, why)
		os.Exit(1)
	}
	return fmt.Sprintf("%s (set %s=1 to make this a failure)", why, Env)
}

// Main is the TestMain of a window end-to-end package, whose one scripted
// run must happen on the main goroutine before the tests read what it left:
// without a display it records the skip message in *skip (or exits with
// SMP_E2E=1); otherwise it makes a temporary folder named after prefix,
// runs scenario(tmp) there, runs the tests, removes the folder and exits
// with the tests' status.
func Main(m *testing.M, prefix string, skip *string, scenario func(tmp string)) {
	if why := NoDisplay(); why != "" {
		*skip = MainSkip(why)
		os.Exit(m.Run())
	}
	code := func() int {
		tmp, err := os.MkdirTemp("", prefix)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		scenario(tmp)
		return m.Run()
	}()
	os.Exit(code)
}

// Chromium returns the headless browser the end-to-end tests open pages
// in: Debian's chromium package (installed by the Makefile) or a similar
// binary on PATH; "" when there is none.
func Chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// ChromiumFlags are the flags every headless Chromium of the tests runs
// with (a profile folder of its own is added by each test): headless, no
// sandbox (tests run as root in containers), and nothing that reaches out
// to the network by itself.
var ChromiumFlags = []string{"--headless", "--no-sandbox", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync"}
