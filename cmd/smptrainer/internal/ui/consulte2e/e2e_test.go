package consulte2e_test

// The consultation end to end: the real trainer window, driven by scripted
// keys under a (virtual) X server, in its own process because Ebitengine
// runs one game per process. The trainee opens the exercise picker, turns
// to the virtual clients, consults c07 (a psoriasis flare on the scalp),
// postpones 30 days for the flare with no plan or aftercare, looks at the
// feedback, saves and writes the client sheet. Then the real smpgrade,
// built here, scores the saved file: its screening must be what the
// trainer showed.

import (
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/internal/e2eenv"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/consult"
)

var run struct {
	skipMsg string
	runErr  error
	tmp     string

	saved    string          // the file the trainer saved
	shown    *consult.Result // what the feedback step showed
	captured bool
}

func TestMain(m *testing.M) {
	if why := e2eenv.NoDisplay(); why != "" {
		run.skipMsg = e2eenv.MainSkip(why)
		os.Exit(m.Run())
	}
	code := func() int {
		tmp, err := os.MkdirTemp("", "smptrainer-consult-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		run.tmp = tmp
		scenario()
		return m.Run()
	}()
	os.Exit(code)
}

func scenario() {
	os.Setenv("SMPTRAINER_DATA", filepath.Join(run.tmp, "data"))
	s := input.NewScript()
	g, err := ui.NewGame(ui.Config{
		Source:   s,
		WindowW:  1100,
		WindowH:  760,
		Autosave: -1,
		Trainee:  "ann",
		NoIntro:  true, // the name prompt and task card are tested elsewhere
		Now:      func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) },
		OnCapture: func(c ui.Capture) {
			run.captured = c.Image != nil
			// SMP_CONSULT_SCREENSHOTS=dir keeps the steps' pictures there.
			if d := os.Getenv("SMP_CONSULT_SCREENSHOTS"); d != "" && c.Image != nil {
				if f, err := os.Create(filepath.Join(d, "consult-"+c.Name+".png")); err == nil {
					png.Encode(f, c.Image)
					f.Close()
				}
			}
		},
	})
	if err != nil {
		run.runErr = err
		return
	}
	s.Wait(5).Key(ebiten.KeyF2).Wait(2).Key(ebiten.KeyTab).Wait(2)
	for range 6 { // c01 … c07
		s.Key(ebiten.KeyDown)
	}
	s.Key(ebiten.KeyEnter).Wait(2) // the intake
	s.Key(ebiten.KeyEnter).Wait(2) // ask the first question: the flare
	s.Key(ebiten.KeyTab).Wait(2)   // the decision
	s.Key(ebiten.KeyRight)         // treat → postpone
	s.Key(ebiten.KeyDown)          // the wait
	for range 3 {
		s.Key(ebiten.KeyRight, ebiten.KeyShift) // +10 days
	}
	for range 5 { // the reasons, in screening.json's order: psoriasis-flare is the 5th
		s.Key(ebiten.KeyDown)
	}
	s.Key(ebiten.KeySpace).Wait(2)
	s.Capture("decision")
	s.Key(ebiten.KeyTab).Key(ebiten.KeySpace) // no plan
	s.Key(ebiten.KeyTab).Key(ebiten.KeySpace) // no aftercare sheet
	s.Key(ebiten.KeyTab).Wait(3)              // the feedback
	s.Capture("feedback")
	s.Key(ebiten.KeyS, ebiten.KeyControl).Key(ebiten.KeyP).Wait(2)
	s.Do(func() {
		run.shown = g.ConsultResult()
		run.saved = g.SavePath()
	})
	s.Wait(2).Quit()
	run.runErr = ui.RunGame(g)
}

func TestE2EConsultationIsGradedAsTheTrainerShowed(t *testing.T) {
	if run.skipMsg != "" {
		t.Skip(run.skipMsg)
	}
	if run.runErr != nil {
		t.Fatalf("the game run failed: %v", run.runErr)
	}
	if run.shown == nil || run.saved == "" || !run.captured {
		t.Fatalf("the trainer showed %v, saved %q, captured %v", run.shown, run.saved, run.captured)
	}
	shown := run.shown.Criteria[0]
	if shown.ID != consult.IDScreening || shown.Score < 90 {
		t.Fatalf("the trainer showed %+v", shown)
	}
	if testing.Short() {
		t.Skip("builds smpgrade")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to build smpgrade")
	}
	bin := filepath.Join(t.TempDir(), "smpgrade")
	if out, err := exec.Command(goTool, "build", "-o", bin, "github.com/smptrainer/smp/cmd/smpgrade").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "score", "--json", run.saved).Output()
	if err != nil {
		t.Fatalf("smpgrade score: %v\n%s", err, out)
	}
	var graded []struct {
		Overall  float64 `json:"overall"`
		Criteria []struct {
			ID     string          `json:"id"`
			Score  float64         `json:"score"`
			Faults json.RawMessage `json:"faults"`
		} `json:"criteria"`
	}
	if err := json.Unmarshal(out, &graded); err != nil || len(graded) != 1 || len(graded[0].Criteria) != 1 {
		t.Fatalf("smpgrade score --json: %v\n%s", err, out)
	}
	c := graded[0].Criteria[0]
	if c.ID != consult.IDScreening || fmt.Sprintf("%.2f", c.Score) != fmt.Sprintf("%.2f", shown.Score) || graded[0].Overall != c.Score {
		t.Errorf("smpgrade gives %s %.2f (overall %.2f); the trainer showed %.2f", c.ID, c.Score, graded[0].Overall, shown.Score)
	}
	sheet, err := os.ReadFile(filepath.Join(filepath.Dir(run.saved), "aftercare-c07.html"))
	if err != nil || !strings.Contains(string(sheet), "Peter Lindqvist") {
		t.Errorf("client sheet: %v", err)
	}
}
