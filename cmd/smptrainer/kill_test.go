package main

// Autosave and restore after the process is killed (issue 5's test list):
// the real binary, built here, run twice under the test's display with a
// scripted -replay. The first run places impressions and is SIGKILLed once
// its recovery file appears; the second restores it with Ctrl+R and saves
// with Ctrl+S, and the saved file must hold the same impressions.

import (
	"encoding/json"
	"fmt"
	"github.com/smptrainer/smp/cmd/internal/e2eenv"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/session"
)

// killTimeout is how long each run may take to reach its goal: generous,
// since the test machine is shared and builds run alongside.
const killTimeout = 3 * time.Minute

// scriptLine is one line of a -replay file (see input.Replay).
type scriptLine struct {
	input.Input
	Repeat int `json:"repeat,omitzero"`
}

func writeScript(t *testing.T, path string, lines []scriptLine) {
	t.Helper()
	var b strings.Builder
	for _, l := range lines {
		j, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// click is a held left click at screen pixel (x, y): 6 ticks (0.1 s) down,
// which lands on target with depth from hold on.
func click(x, y float64) []scriptLine {
	var down, up input.Input
	down.X, down.Y, up.X, up.Y = x, y, x, y
	down.Pressed[input.Left], down.Held[input.Left] = true, true
	up.Released[input.Left] = true
	return []scriptLine{{Input: input.Input{X: x, Y: y}}, {Input: down, Repeat: 6}, {Input: up}}
}

// shortcut is Ctrl+key, then 20 idle ticks.
func shortcut(key ebiten.Key) []scriptLine {
	return []scriptLine{
		{Input: input.Input{X: 10, Y: 60, Keys: []ebiten.Key{key}, Down: []ebiten.Key{ebiten.KeyControl, key}, Ctrl: true}},
		{Input: input.Input{X: 10, Y: 60}, Repeat: 20},
	}
}

func idle(n int) scriptLine { return scriptLine{Input: input.Input{X: 10, Y: 60}, Repeat: n} }

func TestKilledWorkIsRestored(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL and the X display are Unix matters")
	}
	if why := e2eenv.NoDisplay(); why != "" {
		e2eenv.Skip(t, why)
	}
	if testing.Short() {
		t.Skip("builds and runs the trainer twice")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the trainer with")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "smptrainer")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := filepath.Join(dir, "data")
	env := append(os.Environ(), "SMPTRAINER_DATA="+data)

	// Run 1: four clicks around the middle of the 1280×800 window (the
	// camera starts 1:1 there, just behind the design hairline), then
	// idle far longer than the test waits.
	first := []scriptLine{idle(30)}
	for _, p := range [][2]float64{{640, 400}, {670, 400}, {640, 430}, {610, 385}} {
		first = append(first, click(p[0], p[1])...)
	}
	first = append(first, idle(60*600))
	script1 := filepath.Join(dir, "place.jsonl")
	writeScript(t, script1, first)

	var recovery string
	cmd := exec.Command(bin, "-replay", script1)
	cmd.Env = env
	var log1 strings.Builder
	cmd.Stdout, cmd.Stderr = &log1, &log1
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(killTimeout)
	for {
		if m, _ := filepath.Glob(filepath.Join(data, "recovery", "*.json")); len(m) == 1 {
			recovery = m[0]
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("the first run ended (%v) before writing a recovery file:\n%s", err, log1.String())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			<-exited
			t.Fatalf("no recovery file after %v:\n%s", killTimeout, log1.String())
		}
	}
	if err := cmd.Process.Signal(os.Kill); err != nil {
		t.Fatal(err)
	}
	<-exited
	rec, err := session.Load(recovery) // autosave is atomic: never half a file
	if err != nil {
		t.Fatalf("recovery file after the kill: %v", err)
	}
	if len(rec.Impressions) != 4 {
		t.Fatalf("recovery file holds %d impressions, want the 4 clicked", len(rec.Impressions))
	}

	// Run 2: restore, save, quit (the end of the replay quits).
	second := []scriptLine{idle(30)}
	second = append(second, shortcut(ebiten.KeyR)...)
	second = append(second, shortcut(ebiten.KeyS)...)
	second = append(second, idle(10))
	script2 := filepath.Join(dir, "restore.jsonl")
	writeScript(t, script2, second)
	cmd = exec.Command(bin, "-replay", script2)
	cmd.Env = env
	var log2 strings.Builder
	cmd.Stdout, cmd.Stderr = &log2, &log2
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("second run: %v\n%s", err, log2.String())
		}
	case <-time.After(killTimeout):
		cmd.Process.Kill()
		<-done
		t.Fatalf("second run did not finish in %v:\n%s", killTimeout, log2.String())
	}
	// Restored work has no file of its own: Ctrl+S saves it in the
	// sessions folder.
	saved, _ := filepath.Glob(filepath.Join(data, "sessions", "*.json"))
	if len(saved) != 1 {
		t.Fatalf("sessions folder holds %v, want one saved file\n%s", saved, log2.String())
	}
	s, err := session.Load(saved[0])
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(s.Impressions), fmt.Sprint(rec.Impressions); got != want {
		t.Errorf("saved impressions\n%s\nwant the autosaved\n%s", got, want)
	}
	if s.Template != rec.Template || s.Exercise != rec.Exercise {
		t.Errorf("saved %s/%s, autosaved %s/%s", s.Template, s.Exercise, rec.Template, rec.Exercise)
	}
	if _, err := os.Stat(recovery); err == nil {
		t.Error("the recovery file is still there after saving")
	}
}
