package main

// Never lose work (issue 15), tested on the real binary under the test's
// display: crash and restart with and without a file on the command line,
// dots placed before restoring, two trainers on one data folder, a save
// right after a change, hostile files in the data folder, and kill -9s at
// random (seeded) moments of editing. Each run is driven by -replay; a run
// that must end by itself quits at the end of its script.

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/internal/e2eenv"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/session"
)

// autosaveWindow is the trainer's autosave delay (ui.DefaultAutosave).
const autosaveWindow = 5 * time.Second

// schedulingSlack is how much later than autosaveWindow a recovery may be
// written on this shared machine: a tick late, an fsync slow under load.
const schedulingSlack = 4 * time.Second

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// trainer builds the trainer once for the package's tests and skips where
// the real window cannot run.
func trainer(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL and the X display are Unix matters")
	}
	if why := e2eenv.NoDisplay(); why != "" {
		e2eenv.Skip(t, why)
	}
	if testing.Short() {
		t.Skip("runs the real trainer")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the trainer with")
	}
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "smptrainer-e2e-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "smptrainer")
		if out, err := exec.Command(goTool, "build", "-o", builtBin, ".").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// key is a plain key press, then 10 idle ticks.
func key(k ebiten.Key) []scriptLine {
	return []scriptLine{
		{Input: input.Input{X: 10, Y: 60, Keys: []ebiten.Key{k}, Down: []ebiten.Key{k}}},
		idle(10),
	}
}

// proc is one trainer process.
type proc struct {
	cmd  *exec.Cmd
	log  *strings.Builder
	done chan error
}

// start runs the trainer on data with script and args.
func start(t *testing.T, data string, script []scriptLine, args ...string) *proc {
	t.Helper()
	sp := filepath.Join(t.TempDir(), "script.jsonl")
	writeScript(t, sp, script)
	r := &proc{log: &strings.Builder{}, done: make(chan error, 1)}
	r.cmd = exec.Command(trainer(t), append([]string{"-replay", sp}, args...)...)
	r.cmd.Env = append(os.Environ(), "SMPTRAINER_DATA="+data)
	r.cmd.Stdout, r.cmd.Stderr = r.log, r.log
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { r.done <- r.cmd.Wait() }()
	t.Cleanup(func() {
		if r.cmd.ProcessState == nil {
			r.cmd.Process.Kill()
			<-r.done
		}
	})
	return r
}

// finish waits for a run to end by itself at the end of its script.
func (r *proc) finish(t *testing.T) {
	t.Helper()
	select {
	case err := <-r.done:
		if err != nil {
			t.Fatalf("trainer: %v\n%s", err, r.log)
		}
	case <-time.After(killTimeout):
		r.cmd.Process.Kill()
		<-r.done
		t.Fatalf("the trainer did not finish in %v:\n%s", killTimeout, r.log)
	}
}

// kill9 kills the run as a crash would.
func (r *proc) kill9(t *testing.T) {
	t.Helper()
	if err := r.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-r.done
}

// recoveries returns the recovery files in data, each parsed: a recovery
// file that does not parse fails the test (autosave is atomic).
func recoveries(t *testing.T, data string) map[string]*session.Session {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(data, "recovery", "*.json"))
	out := map[string]*session.Session{}
	for _, p := range m {
		s, err := session.Load(p)
		if err != nil {
			t.Fatalf("recovery file does not parse: %v", err)
		}
		out[p] = s
	}
	return out
}

// waitFor polls until cond holds, failing after killTimeout (or when r
// ends first).
func waitFor(t *testing.T, r *proc, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(killTimeout)
	for !cond() {
		select {
		case err := <-r.done:
			r.done <- err
			t.Fatalf("the trainer ended (%v) before %s:\n%s", err, what, r.log)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s after %v:\n%s", what, killTimeout, r.log)
		}
	}
}

// places returns script lines clicking n points around the window's middle
// (the chart at 1:1 there is scalp), from rng.
func places(rng *rand.Rand, n int) []scriptLine {
	var out []scriptLine
	for range n {
		out = append(out, click(600+80*rng.Float64(), 380+60*rng.Float64())...)
	}
	return out
}

// closeList is Escape: it closes the list of kept work a start may show,
// keeping it, so the clicks after it reach the chart.
func closeList() []scriptLine { return append([]scriptLine{idle(30)}, key(ebiten.KeyEscape)...) }

// crash runs the trainer with args, places n dots, and kills it once a
// recovery file with all n exists; it returns that recovery.
func crash(t *testing.T, data string, rng *rand.Rand, n int, args ...string) *session.Session {
	t.Helper()
	script := closeList()
	script = append(script, places(rng, n)...)
	script = append(script, idle(60*600))
	before := recoveries(t, data)
	r := start(t, data, script, args...)
	var rec *session.Session
	waitFor(t, r, fmt.Sprintf("recovery file with %d impressions", n), func() bool {
		for p, s := range recoveries(t, data) {
			if _, old := before[p]; !old && len(s.Impressions) == n {
				rec = s
				return true
			}
		}
		return false
	})
	r.kill9(t)
	return rec
}

func saved(t *testing.T, path string) *session.Session {
	t.Helper()
	s, err := session.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestCrashWithFileRestoresIntoTheFile: started on a file (as a
// double-click starts it), killed, restarted on the same file: the work
// is offered, restored and saved back to that file, and no recovery stays.
func TestCrashWithFileRestoresIntoTheFile(t *testing.T) {
	trainer(t)
	t.Parallel() // separate data folders; much of each is waiting for an autosave
	data := filepath.Join(t.TempDir(), "data")
	work := filepath.Join(t.TempDir(), "work.json")
	s0 := &session.Session{Template: "norwood3", Number: 1}
	if err := session.Save(work, s0); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	rec := crash(t, data, rng, 3, work)
	if s := saved(t, work); len(s.Impressions) != 0 {
		t.Fatalf("the kill saved the file: %d impressions", len(s.Impressions))
	}
	// Restart on the same file: the list is up at start; Enter restores.
	script := []scriptLine{idle(30)}
	script = append(script, key(ebiten.KeyEnter)...)
	script = append(script, shortcut(ebiten.KeyS)...)
	r := start(t, data, append(script, idle(10)), work)
	r.finish(t)
	if got := saved(t, work); fmt.Sprint(got.Impressions) != fmt.Sprint(rec.Impressions) {
		t.Errorf("%s holds %d impressions, want the %d autosaved\n%s", work, len(got.Impressions), len(rec.Impressions), r.log)
	}
	if left := recoveries(t, data); len(left) != 0 {
		t.Errorf("recovery files left after the save: %v", slices.Collect(maps.Keys(left)))
	}
}

// TestDotsBeforeRestoringLoseNothing: after a crash the trainee closes the
// list and places dots (autosaved too) before restoring: both the crashed
// work and the new dots survive.
func TestDotsBeforeRestoringLoseNothing(t *testing.T) {
	trainer(t)
	t.Parallel() // separate data folders; much of each is waiting for an autosave
	data := filepath.Join(t.TempDir(), "data")
	rng := rand.New(rand.NewPCG(2, 2))
	rec := crash(t, data, rng, 4)
	script := closeList()
	script = append(script, places(rng, 2)...)
	script = append(script, idle(int((autosaveWindow+2*time.Second).Seconds()*60)))
	script = append(script, shortcut(ebiten.KeyR)...) // the one kept piece: restored at once
	script = append(script, shortcut(ebiten.KeyS)...)
	r := start(t, data, append(script, idle(10)))
	r.finish(t)
	files, _ := filepath.Glob(filepath.Join(data, "sessions", "*.json"))
	if len(files) != 1 {
		t.Fatalf("sessions: %v, want the restored work saved\n%s", files, r.log)
	}
	if got := saved(t, files[0]); fmt.Sprint(got.Impressions) != fmt.Sprint(rec.Impressions) {
		t.Errorf("saved %d impressions, want the %d from the crash\n%s", len(got.Impressions), len(rec.Impressions), r.log)
	}
	left := recoveries(t, data)
	if len(left) != 1 {
		t.Fatalf("kept after restoring: %d recoveries, want the 2 new dots kept\n%s", len(left), r.log)
	}
	for _, s := range left {
		if len(s.Impressions) != 2 {
			t.Errorf("the dots placed before restoring: %d kept, want 2", len(s.Impressions))
		}
	}
}

// TestTwoTrainersOneDataFolder: two trainers autosave side by side; one
// saves; the other is killed; a third start offers the killed one's work.
func TestTwoTrainersOneDataFolder(t *testing.T) {
	trainer(t)
	t.Parallel() // separate data folders; much of each is waiting for an autosave
	data := filepath.Join(t.TempDir(), "data")
	rng := rand.New(rand.NewPCG(3, 3))
	a := start(t, data, append(append(closeList(), places(rng, 3)...), idle(60*600)))
	bScript := append(closeList(), places(rng, 5)...)
	bScript = append(bScript, idle(int((autosaveWindow+time.Second).Seconds()*60)))
	b := start(t, data, bScript) // waits for its autosave, then…
	waitFor(t, a, "two recovery files", func() bool { return len(recoveries(t, data)) == 2 })
	var aRec *session.Session
	for _, s := range recoveries(t, data) {
		if len(s.Impressions) == 3 {
			aRec = s
		}
	}
	if aRec == nil {
		t.Fatal("A's recovery (3 impressions) is not there")
	}
	b.cmd.Process.Signal(syscall.SIGKILL) // B: killed too, after its autosave
	<-b.done
	// C starts while A runs: A's live work is not offered, B's is.
	script := []scriptLine{idle(30)}
	script = append(script, key(ebiten.KeyEnter)...)
	script = append(script, shortcut(ebiten.KeyS)...)
	c := start(t, data, append(script, idle(10)))
	c.finish(t)
	files, _ := filepath.Glob(filepath.Join(data, "sessions", "*.json"))
	if len(files) != 1 || len(saved(t, files[0]).Impressions) != 5 {
		t.Fatalf("C saved %v, want B's 5 impressions\n%s", files, c.log)
	}
	// B's recovery went with C's save; A's is untouched.
	left := recoveries(t, data)
	if len(left) != 1 {
		t.Fatalf("%d recoveries after C's save, want A's alone", len(left))
	}
	for _, s := range left {
		if fmt.Sprint(s.Impressions) != fmt.Sprint(aRec.Impressions) {
			t.Error("A's recovery was changed by another trainer")
		}
	}
	a.kill9(t)
	// D, after A's crash: A's work is offered.
	script = []scriptLine{idle(30)}
	script = append(script, key(ebiten.KeyEnter)...)
	script = append(script, shortcut(ebiten.KeyS)...)
	d := start(t, data, append(script, idle(10)))
	d.finish(t)
	files, _ = filepath.Glob(filepath.Join(data, "sessions", "*.json"))
	if len(files) != 2 {
		t.Errorf("after D: sessions %v, want A's work saved too\n%s", files, d.log)
	}
	if n := len(recoveries(t, data)); n != 0 {
		t.Errorf("%d recoveries left after every piece was saved", n)
	}
}

// TestQuickSaveLeavesNoRecovery: a save a moment after a change leaves no
// recovery behind, and the next start offers nothing.
func TestQuickSaveLeavesNoRecovery(t *testing.T) {
	trainer(t)
	t.Parallel() // separate data folders; much of each is waiting for an autosave
	data := filepath.Join(t.TempDir(), "data")
	rng := rand.New(rand.NewPCG(4, 4))
	script := closeList()
	script = append(script, places(rng, 2)...)
	script = append(script, shortcut(ebiten.KeyS)...)
	script = append(script, idle(int((autosaveWindow+2*time.Second).Seconds()*60)))
	r := start(t, data, script)
	r.finish(t)
	if n := len(recoveries(t, data)); n != 0 {
		t.Fatalf("%d recovery files after a clean save\n%s", n, r.log)
	}
}

// TestRandomKillsLoseNothingOlderThanTheAutosave: the trainer is killed
// at seeded random moments of steady editing, on one data folder. After
// each kill every recovery file parses, and the newest holds the work as
// it was no longer ago than the autosave window (plus scheduling slack).
// SMP_KILLS sets the number of kills (make test: 5; make kill-test: 20).
func TestRandomKillsLoseNothingOlderThanTheAutosave(t *testing.T) {
	trainer(t)
	kills := 5
	if v, err := strconv.Atoi(os.Getenv("SMP_KILLS")); err == nil && v > 0 {
		kills = v
	}
	data := filepath.Join(t.TempDir(), "data")
	rng := rand.New(rand.NewPCG(15, 20))
	for k := range kills {
		// Steady editing: a click every ~0.4 s for far longer than the
		// test waits.
		script := closeList()
		for range 400 {
			script = append(script, places(rng, 1)...)
			script = append(script, idle(12))
		}
		before := recoveries(t, data)
		r := start(t, data, script)
		waitFor(t, r, "a first autosave", func() bool {
			for p := range recoveries(t, data) {
				if _, old := before[p]; !old {
					return true
				}
			}
			return false
		})
		wait := time.Duration(rng.Float64() * float64(2*autosaveWindow))
		time.Sleep(wait)
		killedAt := time.Now()
		r.kill9(t)
		var newest *session.Session
		for p, s := range recoveries(t, data) { // every one parses
			if _, old := before[p]; !old {
				newest = s
			}
		}
		if newest == nil {
			t.Fatalf("kill %d: the run's recovery file is gone", k+1)
		}
		if age := killedAt.Sub(newest.Saved); age > autosaveWindow+schedulingSlack {
			t.Errorf("kill %d (%.1f s after the first autosave): the recovery is %.1f s old, more than the %v window", k+1, wait.Seconds(), age.Seconds(), autosaveWindow)
		}
		t.Logf("kill %d, %.1f s after the first autosave: recovery %.1f s old, %d impressions", k+1, wait.Seconds(), killedAt.Sub(newest.Saved).Seconds(), len(newest.Impressions))
		if len(newest.Impressions) == 0 {
			t.Errorf("kill %d: an empty recovery", k+1)
		}
	}
	// The next start lists every killed run's work and starts normally.
	if n := len(recoveries(t, data)); n != kills {
		t.Errorf("%d recoveries after %d kills, want one per run", n, kills)
	}
}
