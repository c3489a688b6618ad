// Package firsthour is the trainer's first hour end to end (issue 12):
// the real window under Xvfb, driven by scripted input from a fresh data
// folder: the name is asked and entered, the task card shown and
// dismissed, the toolbar chooses the stipple tool and opens the shade
// panel, dots are placed, Save As writes to a chosen folder, and
// `smpgrade record` accepts the file with the name in it.
//
// It is a package of its own because Ebitengine runs one game per process.
package firsthour

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/internal/e2eenv"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/keymap"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/session"
)

const trainee = "Ana Lima"

// run is what the scripted run observed.
var run struct {
	skipMsg string
	err     error
	tmp     string
	saved   string
	// layers is the top layer at each checkpoint.
	layers map[string]string
	tool   ui.Tool
	shade  bool
	dots   int
}

func TestMain(m *testing.M) {
	if why := e2eenv.NoDisplay(); why != "" {
		run.skipMsg = e2eenv.MainSkip(why)
		os.Exit(m.Run())
	}
	tmp, err := os.MkdirTemp("", "smptrainer-firsthour-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	run.tmp = tmp
	scenario()
	code := m.Run()
	os.RemoveAll(tmp)
	os.Exit(code)
}

// clickButton clicks the toolbar button of action a (press, hold 0.1 s,
// release, as a hand does).
func clickButton(s *input.Script, g **ui.Game, a keymap.Action) {
	s.MoveWith(func(input.Context) (float64, float64) {
		r, ok := (*g).Button(a)
		if !ok {
			return -1, -1
		}
		return r.X + r.W/2, r.Y + r.H/2
	}).Press(input.Left).Wait(6).Release(input.Left).Wait(2)
}

func scenario() {
	run.layers = map[string]string{}
	os.Setenv("SMPTRAINER_DATA", filepath.Join(run.tmp, "data")) // fresh: no name yet
	handin := filepath.Join(run.tmp, "hand-in")
	if err := os.MkdirAll(handin, 0o755); err != nil {
		run.err = err
		return
	}
	run.saved = filepath.Join(handin, "ana-first-square.json")
	var g *ui.Game
	note := func(name string) { run.layers[name] = g.TopLayer() }
	s := input.NewScript().Wait(5)
	s.Do(func() { note("start") })
	s.Type(trainee).Key(ebiten.KeyEnter).Wait(3)
	s.Do(func() { note("after name") })
	s.MoveTo(300, 300).Press(input.Left).Wait(6).Release(input.Left).Wait(3)
	s.Do(func() { note("after click") })
	clickButton(s, &g, keymap.ToolStipple)
	clickButton(s, &g, keymap.Shade)
	s.Do(func() { run.tool, run.shade = g.Tool(), g.ShadePanelOpen() })
	clickButton(s, &g, keymap.Shade) // close it again: the chart is under it
	// A stipple stroke across the middle of the square, at 4 a second.
	s.MoveWith(func(input.Context) (float64, float64) {
		b := g.Doc().T.Bounds()
		return g.Camera().ToScreen(geom.Point{X: geomMid(b.Min.X, b.Max.X, 0.3), Y: geomMid(b.Min.Y, b.Max.Y, 0.5)})
	}).Press(input.Left)
	s.MoveWith(func(input.Context) (float64, float64) {
		b := g.Doc().T.Bounds()
		return g.Camera().ToScreen(geom.Point{X: geomMid(b.Min.X, b.Max.X, 0.7), Y: geomMid(b.Min.Y, b.Max.Y, 0.5)})
	})
	s.Wait(120).Release(input.Left).Wait(2)
	s.Do(func() { run.dots = g.Doc().Len() })
	clickButton(s, &g, keymap.SaveAs)
	s.Do(func() { note("save as") })
	// Clear the proposed name and type the chosen folder and file.
	for range 120 {
		s.Key(ebiten.KeyBackspace)
	}
	s.Type(run.saved).Key(ebiten.KeyEnter).Wait(3)
	s.Do(func() { note("after save") })
	s.Quit()
	var err error
	g, err = ui.NewGame(ui.Config{
		Source:   s,
		WindowW:  1280,
		WindowH:  800,
		Autosave: -1,
		Now:      func() time.Time { return time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC) },
	})
	if err != nil {
		run.err = err
		return
	}
	run.err = ui.RunGame(g)
}

// geomMid is the point a fraction f of the way from a to b.
func geomMid(a, b, f float64) float64 { return a + (b-a)*f }

func TestFirstHour(t *testing.T) {
	if run.skipMsg != "" {
		t.Skip(run.skipMsg)
	}
	if run.err != nil {
		t.Fatal(run.err)
	}
	for _, c := range []struct{ at, want string }{
		{"start", "name"},      // a fresh data folder asks for the name
		{"after name", "task"}, // then shows the task card
		{"after click", ""},    // one click dismisses it
		{"save as", "browser"},
		{"after save", ""},
	} {
		if got := run.layers[c.at]; got != c.want {
			t.Errorf("%s: top layer %q, want %q", c.at, got, c.want)
		}
	}
	if run.tool != ui.ToolStipple || !run.shade {
		t.Errorf("after the toolbar clicks: tool %v, shade panel open %v; want stipple and open", run.tool, run.shade)
	}
	if run.dots < 3 {
		t.Errorf("the stipple stroke placed %d impressions, want several", run.dots)
	}
	s, err := session.Load(run.saved)
	if err != nil {
		t.Fatalf("Save As did not write the chosen file: %v", err)
	}
	if s.Trainee != trainee || len(s.Impressions) != run.dots {
		t.Errorf("saved trainee %q with %d impressions, want %q with %d", s.Trainee, len(s.Impressions), trainee, run.dots)
	}
	// The instructors' command line accepts it into a gradebook.
	db := filepath.Join(run.tmp, "class.db")
	out, err := exec.Command("go", "run", "github.com/smptrainer/smp/cmd/smpgrade", "record", "--db", db, run.saved).CombinedOutput()
	if err != nil {
		t.Fatalf("smpgrade record refused the file: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), trainee) {
		t.Errorf("smpgrade record's report does not name %q:\n%s", trainee, out)
	}
}
