package mape2e_test

// Hairline mapping end to end: the real trainer window, driven by
// scripted input under a (virtual) X server, in its own process because
// Ebitengine runs one game per process. The trainee opens the mapping
// scene on the Norwood III mapping exercise, marks the five points with
// clicks, bends the line by dragging the mid-frontal handle, reads the
// tape from the glabella, saves, then reopens the saved file by dropping
// it on the window and opens the scene again. The saved design must be
// what the scene drew: its points sit under the drawn handles, the front
// and side views show it, and the real smpgrade grades it as the scene
// did.

import (
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/internal/e2eenv"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/score"
	"github.com/smptrainer/smp/sim/session"
)

var run struct {
	skipMsg string
	runErr  error
	tmp     string

	saved     string
	shown     *score.Criterion // the live grade when saving
	tape      float64          // the tape's reading, mm
	reopened  *design.Design   // the work's design after the file was dropped back
	handlePx  [][2]float64     // where the reopened scene draws the design's points
	frame     *image.RGBA      // the reopened scene, read back
	chartMaxX int              // right edge of the scene's chart area, px
}

func TestMain(m *testing.M) {
	e2eenv.Main(m, "smptrainer-mapping-", &run.skipMsg, func(tmp string) {
		run.tmp = tmp
		scenario()
	})
}

func scenario() {
	os.Setenv("SMPTRAINER_DATA", filepath.Join(run.tmp, "data"))
	c, err := client.Lookup("c03")
	if err != nil {
		run.runErr = err
		return
	}
	ref := c.Design()
	path := filepath.Join(run.tmp, "map.json")
	s := input.NewScript()
	g, err := ui.NewGame(ui.Config{
		NoIntro:     true,
		Exercise:    "map-norwood3-mature",
		SessionPath: path,
		Source:      s,
		WindowW:     1200,
		WindowH:     800,
		Autosave:    -1,
		Now:         func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) },
		OnCapture: func(cp ui.Capture) {
			if cp.Name == "reopened" {
				run.frame = cp.Image
			}
			// SMP_MAPPING_SCREENSHOTS=dir keeps the pictures there.
			if d := os.Getenv("SMP_MAPPING_SCREENSHOTS"); d != "" && cp.Image != nil {
				if f, err := os.Create(filepath.Join(d, "mapping-"+cp.Name+".png")); err == nil {
					png.Encode(f, cp.Image)
					f.Close()
				}
			}
		},
	})
	if err != nil {
		run.runErr = err
		return
	}
	up4 := geom.Pt(ref.MFP.X, ref.MFP.Y+4)
	s.Wait(5).Key(ebiten.KeyF4).Wait(3)
	for _, p := range []geom.Point{ref.MFP, ref.FTPLeft, ref.FTPRight, ref.TPLeft, ref.TPRight} {
		s.ClickMM(p).Wait(1)
	}
	// Bend the line: drag the mid-frontal handle 4 mm back, in steps.
	s.MoveToMM(ref.MFP).Press(input.Left)
	for i := 1; i <= 4; i++ {
		s.MoveToMM(geom.Pt(ref.MFP.X, ref.MFP.Y+float64(i))).Wait(1)
	}
	s.Release(input.Left).Wait(2)
	// The tape, from the glabella to the moved point.
	s.Key(ebiten.KeyT).MoveToMM(c.Landmarks().Glabella).Press(input.Left).MoveToMM(up4).Wait(1).Release(input.Left).Wait(2)
	s.Capture("mapped")
	s.Do(func() { run.tape = g.MappingTape() })
	s.Key(ebiten.KeyT).Key(ebiten.KeyS, ebiten.KeyControl).Wait(2)
	s.Do(func() {
		run.shown = g.MappingCriterion()
		run.saved = g.SavePath()
	})
	// Leave, reopen the file by dropping it, and open the scene again.
	s.Key(ebiten.KeyEscape).Wait(2)
	s.Do(func() {
		data, err := os.ReadFile(path)
		if err == nil {
			s.Drop(fstest.MapFS{"map.json": {Data: data}})
		}
	})
	s.Wait(3).Key(ebiten.KeyF4).Wait(10).Capture("reopened").Wait(2)
	s.Do(func() {
		run.reopened = g.Doc().Design
		if d := run.reopened; d != nil {
			for _, p := range d.Points() {
				x, y := g.MMToScreen(p.P)
				run.handlePx = append(run.handlePx, [2]float64{x, y})
			}
		}
		run.chartMaxX = int(1200 * 0.58)
	})
	s.Wait(2).Quit()
	run.runErr = ui.RunGame(g)
}

func TestE2EMappingSavedReopenedAndShown(t *testing.T) {
	if run.skipMsg != "" {
		t.Skip(run.skipMsg)
	}
	if run.runErr != nil {
		t.Fatalf("the game run failed: %v", run.runErr)
	}
	if run.shown == nil || run.saved == "" {
		t.Fatalf("live grade %v, saved %q", run.shown, run.saved)
	}
	c, _ := client.Lookup("c03")
	if math.Abs(run.tape-c.Reference.MFPMM-4) > 2 {
		t.Errorf("the tape read %.1f mm from the glabella, want about %.0f", run.tape, c.Reference.MFPMM+4)
	}
	sv, err := session.Load(run.saved)
	if err != nil {
		t.Fatal(err)
	}
	d := sv.Design
	if d == nil {
		t.Fatal("the saved file has no design")
	}
	if d.MFP.Dist(geom.Pt(c.Design().MFP.X, c.Design().MFP.Y+4)) > 1.5 {
		t.Errorf("saved MFP %v: the drag should have moved it 4 mm back from %v", d.MFP, c.Design().MFP)
	}
	if r := run.reopened; r == nil || r.MFP != d.MFP || r.FTPLeft != d.FTPLeft || len(r.Line) != len(d.Line) {
		t.Fatalf("reopened design %+v, saved %+v", r, d)
	}
	// The reopened scene draws every saved point where the file puts it.
	f := run.frame
	if f == nil || len(run.handlePx) != len(d.Points()) {
		t.Fatalf("frame %v, %d handles", f != nil, len(run.handlePx))
	}
	near := func(a, b color.RGBA) bool {
		return math.Abs(float64(a.R)-float64(b.R)) < 40 && math.Abs(float64(a.G)-float64(b.G)) < 40 && math.Abs(float64(a.B)-float64(b.B)) < 40
	}
	magenta := color.RGBA{0xd8, 0x1b, 0x60, 0xff}
	for i, p := range d.Points() {
		h := run.handlePx[i]
		if p.Field == "lap_left" || p.Field == "lap_right" {
			continue // drawn as rings
		}
		if got := f.RGBAAt(int(h[0]), int(h[1])); !near(got, magenta) {
			t.Errorf("%s at (%.0f, %.0f): pixel %v, want the design's colour", p.Field, h[0], h[1], got)
		}
	}
	// The front and side views, right of the chart, show the design line.
	var n int
	b := f.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := run.chartMaxX + 10; x < b.Max.X; x++ {
			if near(f.RGBAAt(x, y), magenta) {
				n++
			}
		}
	}
	if n < 100 {
		t.Errorf("%d design-coloured pixels in the views panel, want the line on both heads", n)
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
		Criteria []struct {
			ID    string  `json:"id"`
			Score float64 `json:"score"`
		} `json:"criteria"`
	}
	if err := json.Unmarshal(out, &graded); err != nil || len(graded) != 1 || len(graded[0].Criteria) != 1 {
		t.Fatalf("smpgrade said %s (%v)", out, err)
	}
	if got := graded[0].Criteria[0]; got.ID != "mapping" || math.Abs(got.Score-run.shown.Score) > 0.01 {
		t.Errorf("smpgrade grades %+v, the trainer showed %.2f", got, run.shown.Score)
	}
}
