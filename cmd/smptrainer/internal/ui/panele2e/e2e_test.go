package panele2e_test

// The shade and score panels end to end: the real trainer window driven by
// a scripted input under a (virtual) X server, in its own process because
// Ebitengine runs one game per process (the main scenario is in
// ../e2e_test.go). TestMain runs the game on the main goroutine; the Test
// functions check what the run left behind.
//
// The scenario opens work (an expert example saved to a file), opens the
// shade panel, clicks a swatch that is not the default ink, places an
// impression, saves, and opens the live score panel.
//
// With SMP_SHADE_SCREENSHOT=path the shade panel's frame is written there
// as a PNG (the README's picture: assets/screenshots/shade.png).

import (
	"fmt"
	"github.com/smptrainer/smp/cmd/internal/e2eenv"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/exercise"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/palette"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
	"github.com/smptrainer/smp/sim/session"
	"github.com/smptrainer/smp/sim/shade"
	"github.com/smptrainer/smp/sim/viewer"
)

// run holds what the scripted run observed.
var run struct {
	skipMsg string
	runErr  error

	tmp, path string
	tpl       *scalp.Template
	ex        *exercise.Exercise
	opened    int // impressions in the opened file

	defPigment  string
	defDilution float64
	swatches    []ui.Swatch
	chosen      ui.Swatch
	needle      impression.Needle

	inkPigment     string
	inkDilution    float64
	countAfterPick int
	status         string
	aim            geom.Point
	countAfterDot  int

	expert    []impression.Impression
	scoreOpen bool
	live      *score.Report
	captures  map[string]ui.Capture
}

func TestMain(m *testing.M) {
	if why := e2eenv.NoDisplay(); why != "" {
		run.skipMsg = e2eenv.MainSkip(why)
		os.Exit(m.Run())
	}
	code := func() int {
		tmp, err := os.MkdirTemp("", "smptrainer-panels-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		run.tmp = tmp
		// The scenario works in tmp: screenshot paths are taken from
		// where the test started.
		for _, k := range []string{"SMP_SHADE_SCREENSHOT", "SMP_SCORE_SCREENSHOT", "SMP_OVERLAY_SCREENSHOT"} {
			if p := os.Getenv(k); p != "" {
				if a, err := filepath.Abs(p); err == nil {
					os.Setenv(k, a)
				}
			}
		}
		scenario()
		return m.Run()
	}()
	os.Exit(code)
}

const winW, winH = 1280, 800

func scenario() {
	run.captures = map[string]ui.Capture{}
	os.Setenv("SMPTRAINER_DATA", filepath.Join(run.tmp, "data"))
	ex := exercise.Default()
	if ex == nil {
		run.runErr = fmt.Errorf("no exercise loads")
		return
	}
	tpl, err := scalp.Lookup(ex.Template)
	if err != nil {
		run.runErr = err
		return
	}
	run.tpl, run.ex = tpl, ex
	// Work to open: an expert example, so the canvas shows real work.
	ims, err := pattern.Generate(tpl, pattern.Expert, ex.Session, 11)
	if err != nil {
		run.runErr = err
		return
	}
	run.opened = len(ims)
	// A short relative name, as a trainee would give: the status line
	// shows it (and the README's picture does).
	if err := os.Chdir(run.tmp); err != nil {
		run.runErr = err
		return
	}
	run.path = filepath.Join(run.tmp, "client-work.json")
	if err := session.Save(run.path, &session.Session{Template: tpl.ID, Exercise: ex.ID, Number: ex.Session,
		Created: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC), Impressions: ims}); err != nil {
		run.runErr = err
		return
	}

	var g *ui.Game
	s := input.NewScript()
	g, err = ui.NewGame(ui.Config{
		NoIntro:     true,
		Exercise:    ex.ID,
		SessionPath: filepath.Base(run.path),
		Source:      s,
		WindowW:     winW,
		WindowH:     winH,
		Autosave:    -1,
		Now:         func() time.Time { return time.Date(2026, 5, 1, 13, 0, 0, 0, time.UTC) },
		OnCapture:   func(c ui.Capture) { run.captures[c.Name] = c },
	})
	if err != nil {
		run.runErr = err
		return
	}
	run.defPigment, run.defDilution = g.Ink()
	s.Wait(5)
	s.Key(ebiten.KeyC)
	s.Do(func() {
		run.swatches = g.ShadeSwatches()
		run.needle = g.Needle()
		// The best match, unless it is what the trainer loads anyway.
		for _, sw := range run.swatches {
			if sw.Pigment != run.defPigment || sw.Dilution != run.defDilution {
				run.chosen = sw
				break
			}
		}
	})
	// Rest the pointer over the chart, right of the panel, and take the
	// panel's picture.
	s.MoveTo(winW*0.72, winH*0.55).Wait(3).Capture("shade")
	s.MoveWith(func(input.Context) (float64, float64) {
		return run.chosen.X + run.chosen.W/2, run.chosen.Y + run.chosen.H/2
	}).Press(input.Left).Wait(5).Release(input.Left)
	s.Do(func() {
		run.inkPigment, run.inkDilution = g.Ink()
		run.countAfterPick = g.Doc().Len()
		run.status = g.Status()
	})
	// Close the panel (the ink stays loaded) and place one impression on
	// the chart, in a zone that takes impressions.
	s.Key(ebiten.KeyC)
	s.MoveWith(func(input.Context) (float64, float64) {
		cam := g.Camera()
		for y := winH * 0.2; y < winH*0.8; y += 7 {
			for x := winW * 0.3; x < winW*0.95; x += 7 {
				p := cam.ToMM(x+0.5, y+0.5)
				if z := g.Doc().T.ZoneAt(p); z != nil && z.Treated() {
					run.aim = p
					return x, y
				}
			}
		}
		return winW * 0.75, winH * 0.5
	}).Press(input.Left).Wait(5).Release(input.Left)
	s.Do(func() { run.countAfterDot = g.Doc().Len() })
	s.Key(ebiten.KeyS, ebiten.KeyControl)
	s.Key(ebiten.KeyS).Wait(3)
	s.Do(func() {
		run.scoreOpen = g.ScorePanelOpen()
		run.live = g.LiveScore()
	})
	s.MoveTo(winW*0.3, winH*0.5).Wait(2).Capture("score")
	// The overlays: the expert example (made in the background), the
	// density map, gap and clump markers, with the score panel closed.
	s.Key(ebiten.KeyS).Key(ebiten.KeyX).Key(ebiten.KeyM).Key(ebiten.KeyG)
	for range 100 {
		s.Wait(3)
		s.Do(func() {
			if ims, busy := g.ExpertExample(); len(ims) > 0 && !busy && run.expert == nil {
				run.expert = ims
			}
		})
	}
	s.Capture("overlays")
	s.Wait(2).Quit()

	run.runErr = ui.RunGame(g)
	if p := os.Getenv("SMP_SHADE_SCREENSHOT"); p != "" {
		if c, ok := run.captures["shade"]; ok {
			if f, err := os.Create(p); err == nil {
				png.Encode(f, c.Image)
				f.Close()
			}
		}
	}
	if p := os.Getenv("SMP_OVERLAY_SCREENSHOT"); p != "" {
		if c, ok := run.captures["overlays"]; ok {
			if f, err := os.Create(p); err == nil {
				png.Encode(f, c.Image)
				f.Close()
			}
		}
	}
	if p := os.Getenv("SMP_SCORE_SCREENSHOT"); p != "" {
		if c, ok := run.captures["score"]; ok {
			if f, err := os.Create(p); err == nil {
				png.Encode(f, c.Image)
				f.Close()
			}
		}
	}
}

func need(t *testing.T) {
	t.Helper()
	if run.skipMsg != "" {
		t.Skip(run.skipMsg)
	}
	if run.runErr != nil {
		t.Fatalf("the game run failed: %v", run.runErr)
	}
}

func saved(t *testing.T) *session.Session {
	t.Helper()
	s, err := session.Load(run.path)
	if err != nil {
		t.Fatalf("saved file does not load: %v", err)
	}
	return s
}

// TestE2EShadeSwatchSetsInk: the swatch clicked is the ink of the
// impression placed next, in the saved file; the click itself placed
// nothing; the status line names the ink.
func TestE2EShadeSwatchSetsInk(t *testing.T) {
	need(t)
	if len(run.swatches) < 2 {
		t.Fatalf("the shade panel offers %d swatches", len(run.swatches))
	}
	c := run.chosen
	if c.Pigment == "" || (c.Pigment == run.defPigment && c.Dilution == run.defDilution) {
		t.Fatalf("no swatch other than the default ink %s %g to pick: %+v", run.defPigment, run.defDilution, run.swatches)
	}
	if run.inkPigment != c.Pigment || run.inkDilution != c.Dilution {
		t.Errorf("after clicking swatch %s %g the ink is %s %g", c.Pigment, c.Dilution, run.inkPigment, run.inkDilution)
	}
	if run.countAfterPick != run.opened {
		t.Errorf("clicking the swatch changed the impressions from %d to %d: a panel click must place nothing", run.opened, run.countAfterPick)
	}
	if want := palette.DilutionLabel(c.Dilution); !contains(run.status, want) {
		t.Errorf("status line %q does not show the dilution %s", run.status, want)
	}
	s := saved(t)
	if len(s.Impressions) != run.opened+1 || run.countAfterDot != run.opened+1 {
		t.Fatalf("saved %d impressions (%d after the click), want %d: the opened %d plus one", len(s.Impressions), run.countAfterDot, run.opened+1, run.opened)
	}
	last := s.Impressions[len(s.Impressions)-1]
	if last.Pigment != c.Pigment || last.Dilution != c.Dilution {
		t.Errorf("saved impression has ink %s %g, want the swatch's %s %g", last.Pigment, last.Dilution, c.Pigment, c.Dilution)
	}
	if last.Pos.Dist(run.aim) > 1 {
		t.Errorf("saved impression at %v, aimed at %v", last.Pos, run.aim)
	}
	// The ranking is the advisor's: what is seen from the default
	// distance with the trainer's needle, best first.
	// The client as the colour criterion sees it: the palette's hair
	// target and the stubble's density.
	client, err := shade.ClientOf(run.tpl, run.ex.Session)
	if err != nil {
		t.Fatal(err)
	}
	want := shade.AdviseFor(client.Skin, client.Hair, shade.Viewing{Needle: run.needle, DistanceM: viewer.DefaultDistanceM, PerCM2: client.PerCM2})
	if len(want) != len(run.swatches) {
		t.Fatalf("%d swatches, the advisor has %d options", len(run.swatches), len(want))
	}
	for i, w := range want {
		if sw := run.swatches[i]; sw.Pigment != w.PigmentID || sw.Dilution != w.Dilution || sw.AreaDE != w.AreaDE || sw.TextureRatio != w.TextureRatio {
			t.Errorf("swatch %d is %s %g (area ΔE00 %.2f, texture %.2f); the advisor ranks %s %g (%.2f, %.2f) there",
				i, sw.Pigment, sw.Dilution, sw.AreaDE, sw.TextureRatio, w.PigmentID, w.Dilution, w.AreaDE, w.TextureRatio)
		}
	}
}

// TestE2ELiveScoreIsGrade: the score panel, open after placing, shows what
// score.Grade gives for the saved file.
func TestE2ELiveScoreIsGrade(t *testing.T) {
	need(t)
	if !run.scoreOpen {
		t.Error("S did not open the score panel")
	}
	if run.live == nil {
		t.Fatal("no live report")
	}
	s := saved(t)
	var w score.Weights
	if ex, err := exercise.Lookup(s.Exercise); err == nil && ex.Weights != nil {
		w = score.Weights(ex.Weights)
	}
	want := score.Grade(run.tpl, s.Impressions, s.Number, w)
	if run.live.Impressions != want.Impressions {
		t.Errorf("live report graded %d impressions, the saved file has %d", run.live.Impressions, want.Impressions)
	}
	// Live agrees with Grade up to rounding in sums.
	const tol = 0.05
	if math.Abs(run.live.Overall-want.Overall) > tol {
		t.Errorf("live overall %.3f, Grade of the saved file %.3f", run.live.Overall, want.Overall)
	}
	if len(run.live.Criteria) != len(want.Criteria) {
		t.Fatalf("live report has %d criteria, Grade %d", len(run.live.Criteria), len(want.Criteria))
	}
	for i, c := range want.Criteria {
		if l := run.live.Criteria[i]; l.ID != c.ID || math.Abs(l.Score-c.Score) > tol {
			t.Errorf("criterion %d: live %s %.3f, Grade %s %.3f", i, l.ID, l.Score, c.ID, c.Score)
		}
	}
}

// TestE2EShadePanelPixels: a swatch shows its ink's dot, at the preview
// stage, on the client's skin.
func TestE2EShadePanelPixels(t *testing.T) {
	need(t)
	c, ok := run.captures["shade"]
	if !ok {
		t.Fatal("no capture of the shade panel")
	}
	skin, err := colorful.Hex(run.tpl.Skin)
	if err != nil {
		t.Fatal(err)
	}
	pal, err := palette.Default()
	if err != nil {
		t.Fatal(err)
	}
	at := func(x, y float64) colorful.Color {
		p := c.Image.RGBAAt(int(x), int(y))
		return colorful.Color{R: float64(p.R) / 255, G: float64(p.G) / 255, B: float64(p.B) / 255}
	}
	checked := 0
	for i, sw := range run.swatches {
		if i < 3 {
			continue // the rank badge covers the patch's corner
		}
		pg, err := pal.Pigment(sw.Pigment)
		if err != nil {
			t.Fatal(err)
		}
		im := impression.New(geom.Point{}, run.needle, run.ex.Session, 0)
		im.Pigment, im.Dilution = sw.Pigment, sw.Dilution
		dot := appearance.DotWith(pg, im, skin, appearance.Fresh).Colour
		if colour.DeltaE00(dot, skin) < 6 {
			continue // too close to the skin to tell apart in a pixel
		}
		// The patch is the tile's left square, inset 4 px (scale 1 under
		// Xvfb); its corner is skin, the middle dot of the first row ink.
		in := 4.0
		sq := sw.H - 2*in
		cell := sq / 3
		corner := at(sw.X+in+1, sw.Y+in+1)
		mid := at(sw.X+in+1.4*cell, sw.Y+in+0.5*cell)
		if d := colour.DeltaE00(corner, skin); d > 3 {
			t.Errorf("swatch %s %g: patch corner %s is not the skin %s (ΔE00 %.1f)", sw.Pigment, sw.Dilution, corner.Hex(), skin.Hex(), d)
		}
		if d := colour.DeltaE00(mid, dot); d > 3 {
			t.Errorf("swatch %s %g: dot pixel %s is not the fresh dot %s (ΔE00 %.1f)", sw.Pigment, sw.Dilution, mid.Hex(), dot.Hex(), d)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no swatch could be checked")
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// TestE2EExpertOverlay: X shows the expert example, made in the
// background, as blue dots over the chart.
func TestE2EExpertOverlay(t *testing.T) {
	need(t)
	if len(run.expert) == 0 {
		t.Fatal("the expert example was never made")
	}
	c, ok := run.captures["overlays"]
	if !ok {
		t.Fatal("no capture with the overlays")
	}
	b := c.Image.Bounds()
	seen, blue := 0, 0
	for _, im := range run.expert {
		x, y := c.Camera.ToScreen(im.Pos)
		// Clear of the title, the status line and the legend corner.
		if x < 20 || y < 40 || x > float64(b.Dx())-300 || y > float64(b.Dy())-60 {
			continue
		}
		seen++
		p := c.Image.RGBAAt(int(math.Floor(x)), int(math.Floor(y)))
		if int(p.B) > int(p.R)+20 {
			blue++
		}
	}
	if seen < 50 {
		t.Fatalf("only %d expert dots on screen: the test tests little", seen)
	}
	if float64(blue) < 0.8*float64(seen) {
		t.Errorf("%d of %d expert dots on screen show blue", blue, seen)
	}
}
