package ui_test

// The end-to-end test: the real trainer window, driven by a scripted
// input under a (virtual) X server. TestMain runs the game loop on the main
// goroutine, as Ebitengine requires; the Test functions then check what
// the run left behind: the saved file, the undo/redo counts noted along the
// way, and frames read back from the screen.

import (
	"fmt"
	"github.com/smptrainer/smp/cmd/internal/e2eenv"
	"image"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
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
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/session"
)

// e2e holds what the scripted run observed.
var e2e struct {
	ran     bool
	skipMsg string
	runErr  error

	tmp, savePath string
	tpl           *scalp.Template
	targets       []geom.Point // chart points clicked, in order
	needle        impression.Needle
	scaleAtClick  []float64 // camera px/mm when each target was clicked

	countAfterClicks, countAfterUndo, countAfterRedo int
	countAfterCtrlY, countAfterDrop                  int
	lastAfterUndo, lastAfterRedo                     geom.Point
	unsavedBeforeSave, unsavedAfterSave              bool
	dropMsg                                          string
	dropMsgErr                                       bool
	saveMsg                                          string
	tileCheck                                        error
	edgesX, edgesY                                   []float64
	tiles                                            int

	captures map[string]ui.Capture
	// ink is the ink the clicks were placed with (the exercise's default).
	ink ink
	// drawPure is CheckDrawIsPure's verdict with panels open, then with
	// help over them.
	drawPure []error
}

// ink is a pigment at a dilution, as the trainer loaded it.
type ink struct {
	pigment  string
	dilution float64
}

// inkOf is the game's ink now.
func inkOf(g *ui.Game) ink {
	p, d := g.Ink()
	return ink{p, d}
}

// on gives im the ink.
func (k ink) on(im impression.Impression) impression.Impression {
	im.Pigment, im.Dilution = k.pigment, k.dilution
	return im
}

func TestMain(m *testing.M) {
	if why := e2eenv.NoDisplay(); why != "" {
		e2e.skipMsg = e2eenv.MainSkip(why)
		os.Exit(m.Run())
	}
	code := func() int {
		tmp, err := os.MkdirTemp("", "smptrainer-e2e-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		e2e.tmp = tmp
		runScenario()
		return m.Run()
	}()
	os.Exit(code)
}

// pickTargets chooses chart points in the middle of the largest treated
// zone, 3 mm apart: far enough that the dots do not touch at any needle.
func pickTargets(t *scalp.Template) []geom.Point {
	var best *scalp.Zone
	for i := range t.Zones {
		z := &t.Zones[i]
		if z.Treated() && (best == nil || z.Polygon.Area() > best.Polygon.Area()) {
			best = z
		}
	}
	c := best.Polygon.Centroid()
	return []geom.Point{c, {X: c.X + 3, Y: c.Y}, {X: c.X, Y: c.Y + 3}, {X: c.X - 3, Y: c.Y - 2}}
}

func runScenario() {
	e2e.ran = true
	e2e.savePath = filepath.Join(e2e.tmp, "work.json")
	e2e.captures = map[string]ui.Capture{}
	os.Setenv("SMPTRAINER_DATA", filepath.Join(e2e.tmp, "data"))

	var g *ui.Game
	s := input.NewScript()
	cfg := ui.Config{
		NoIntro:     true,
		Exercise:    exercise.DefaultID, // the Norwood III hairline drill
		SessionPath: e2e.savePath,       // does not exist yet: Ctrl+S saves here
		Source:      s,
		WindowW:     900,
		WindowH:     700,
		Autosave:    -1,
		Now:         func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) },
		OnCapture:   func(c ui.Capture) { e2e.captures[c.Name] = c },
	}
	g, err := ui.NewGame(cfg)
	if err != nil {
		e2e.runErr = err
		return
	}
	e2e.tpl = g.Doc().T
	tg := pickTargets(e2e.tpl)
	e2e.targets = tg
	click := func(p geom.Point) {
		// Held like a person's click (0.1 s): with depth from hold time
		// on, a one-tick flick would land shallow.
		s.MoveToMM(p).Do(func() { e2e.scaleAtClick = append(e2e.scaleAtClick, g.Camera().Scale) }).
			Press(input.Left).Wait(5).Release(input.Left)
	}
	away := geom.Point{X: tg[0].X + 5, Y: tg[0].Y + 6} // the cursor, clear of every checked pixel

	s.Wait(5)
	// Zoom in 8× about the first target, in 12 wheel notches.
	s.MoveToMM(tg[0])
	for range 12 {
		s.Wheel(1).Wait(1)
	}
	// 3RL 0.30: dots about 0.65 mm across, some 20 px at this zoom.
	s.Key(ebiten.KeyDigit3).Key(ebiten.KeyBracketRight)
	// The exercise's default ink is matched to its light hair, too close
	// to the skin for these pixel checks: the darkest of its ladder.
	for range 12 {
		s.Key(ebiten.KeySemicolon)
	}
	s.Do(func() { e2e.needle, e2e.ink = g.Needle(), inkOf(g) })
	s.MoveToMM(away).Capture("before")
	click(tg[0])
	click(tg[1])
	click(tg[2])
	s.Do(func() { e2e.countAfterClicks = g.Doc().Len() })
	s.Key(ebiten.KeyZ, ebiten.KeyControl)
	s.Do(func() {
		e2e.countAfterUndo = g.Doc().Len()
		e2e.lastAfterUndo = last(g)
	})
	s.MoveToMM(away).Capture("undone")
	s.Key(ebiten.KeyZ, ebiten.KeyControl, ebiten.KeyShift)
	s.Do(func() {
		e2e.countAfterRedo = g.Doc().Len()
		e2e.lastAfterRedo = last(g)
	})
	// Undo then Ctrl+Y redoes too.
	s.Key(ebiten.KeyZ, ebiten.KeyControl).Key(ebiten.KeyY, ebiten.KeyControl)
	s.Do(func() { e2e.countAfterCtrlY = g.Doc().Len() })
	// Pan with a right drag, then click: the mapping must follow the pan.
	s.MoveTo(300, 300).Drag(input.Right, -37, 23, 6)
	click(tg[3])
	// A damaged file dropped on the window is refused with a message
	// naming it, and the work stays.
	s.Drop(fstest.MapFS{"broken.json": {Data: []byte(`{"format":"smp-session","version":1,"template":"norwood3","impressions":[{"x_mm":"oops"}]}`)}})
	s.Do(func() {
		e2e.countAfterDrop = g.Doc().Len()
		e2e.dropMsg, e2e.dropMsgErr = g.Message()
	})
	s.Key(ebiten.KeyEscape)
	s.MoveToMM(away).Capture("after")
	s.Do(func() { e2e.tileCheck, e2e.tiles = g.Layer().CheckTiles(), g.Layer().Tiles() })
	// P switches the preview to healed; then back to fresh (P, P).
	s.Key(ebiten.KeyP).MoveToMM(away).Capture("healed").Key(ebiten.KeyP).Key(ebiten.KeyP)
	s.Do(func() { e2e.unsavedBeforeSave = g.Doc().Unsaved() })
	s.Key(ebiten.KeyS, ebiten.KeyControl)
	s.Do(func() {
		e2e.unsavedAfterSave = g.Doc().Unsaved()
		e2e.saveMsg, _ = g.Message()
	})
	// Between zoom buckets the tiles are scaled on the GPU: no seams may
	// show at their edges.
	s.MoveTo(5, 5).Key(ebiten.KeyDigit0).MoveTo(450, 350).Wheel(1).Wait(3).MoveTo(5, 5).Capture("seams")
	s.Do(func() { e2e.edgesX, e2e.edgesY = g.Layer().TileEdges(g.Camera(), 900, 700) })
	// Drawing changes nothing: with the score and shade panels open, the
	// view from a distance on and then the key list over it all, two
	// draws in a row give the same picture and leave the state alone.
	s.Key(ebiten.KeyS).Key(ebiten.KeyC).Key(ebiten.KeyO).MoveTo(450, 350).Wait(30).Capture("pure")
	s.Do(func() { e2e.drawPure = append(e2e.drawPure, ui.CheckDrawIsPure(g)) })
	s.Key(ebiten.KeyF1).Capture("pure-help")
	s.Do(func() { e2e.drawPure = append(e2e.drawPure, ui.CheckDrawIsPure(g)) })
	s.Key(ebiten.KeyF1).Key(ebiten.KeyO).Key(ebiten.KeyO).Key(ebiten.KeyO).Key(ebiten.KeyO).Key(ebiten.KeyS).Key(ebiten.KeyC)
	// Further scenarios (other files) go on in the same window: Ebitengine
	// runs one game per process.
	for _, sc := range scenarios {
		sc(g, s)
	}
	s.Wait(2).Quit()

	e2e.runErr = ui.RunGame(g)
}

// scenarios are more scripted runs, appended by other test files' init
// functions; each starts from whatever the previous one left (save your
// own state first, e.g. with Ctrl+N).
var scenarios []func(g *ui.Game, s *input.Script)

func last(g *ui.Game) geom.Point {
	ims := g.Doc().Impressions()
	if len(ims) == 0 {
		return geom.Point{X: math.NaN(), Y: math.NaN()}
	}
	return ims[len(ims)-1].Pos
}

func need(t *testing.T) {
	t.Helper()
	if e2e.skipMsg != "" {
		t.Skip(e2e.skipMsg)
	}
	if e2e.runErr != nil {
		t.Fatalf("the game run failed: %v", e2e.runErr)
	}
}

func TestE2ESavedFileHoldsClicks(t *testing.T) {
	need(t)
	s, err := session.Load(e2e.savePath)
	if err != nil {
		t.Fatalf("saved file does not load: %v (message after Ctrl+S: %q)", err, e2e.saveMsg)
	}
	if s.Template != e2e.tpl.ID {
		t.Errorf("template %q, want %q", s.Template, e2e.tpl.ID)
	}
	if len(s.Impressions) != len(e2e.targets) {
		t.Fatalf("saved %d impressions, want %d (one per click)", len(s.Impressions), len(e2e.targets))
	}
	for i, im := range s.Impressions {
		want := e2e.targets[i]
		// A cursor sits on a whole pixel: the dot lands within half a
		// screen pixel of the aimed point on each axis.
		tol := 0.5/e2e.scaleAtClick[i] + 1e-9
		if math.Abs(im.Pos.X-want.X) > tol || math.Abs(im.Pos.Y-want.Y) > tol {
			t.Errorf("impression %d at (%.4f, %.4f) mm, want (%.4f, %.4f) ± %.4f", i, im.Pos.X, im.Pos.Y, want.X, want.Y, tol)
		}
		if im.Needle != e2e.needle || e2e.needle.Grouping != impression.RL3 || e2e.needle.GaugeMM != 0.30 {
			t.Errorf("impression %d needle %v, want 3RL 0.30 (picked %v)", i, im.Needle, e2e.needle)
		}
		if im.Depth != impression.Target {
			t.Errorf("impression %d depth %q", i, im.Depth)
		}
		if i > 0 && im.TimeS <= s.Impressions[i-1].TimeS {
			t.Errorf("impression %d time %.3f s not after the previous %.3f s", i, im.TimeS, s.Impressions[i-1].TimeS)
		}
	}
	if !e2e.unsavedBeforeSave || e2e.unsavedAfterSave {
		t.Errorf("unsaved marker before/after Ctrl+S = %v/%v, want true/false", e2e.unsavedBeforeSave, e2e.unsavedAfterSave)
	}
}

func TestE2EUndoRedo(t *testing.T) {
	need(t)
	if e2e.countAfterClicks != 3 || e2e.countAfterUndo != 2 || e2e.countAfterRedo != 3 || e2e.countAfterCtrlY != 3 {
		t.Errorf("counts after clicks/undo/redo/undo+Ctrl+Y = %d/%d/%d/%d, want 3/2/3/3",
			e2e.countAfterClicks, e2e.countAfterUndo, e2e.countAfterRedo, e2e.countAfterCtrlY)
	}
	if e2e.lastAfterUndo.Dist(e2e.targets[1]) > 0.2 || e2e.lastAfterRedo.Dist(e2e.targets[2]) > 0.2 {
		t.Errorf("last impression after undo %v (want near %v), after redo %v (want near %v)",
			e2e.lastAfterUndo, e2e.targets[1], e2e.lastAfterRedo, e2e.targets[2])
	}
}

func TestE2EDamagedDropRefused(t *testing.T) {
	need(t)
	if e2e.countAfterDrop != len(e2e.targets) {
		t.Errorf("after dropping a damaged file the work has %d impressions, want %d kept", e2e.countAfterDrop, len(e2e.targets))
	}
	if !e2e.dropMsgErr || !contains(e2e.dropMsg, "broken.json") {
		t.Errorf("message after the damaged drop = %q (error %v), want an error naming broken.json", e2e.dropMsg, e2e.dropMsgErr)
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

// pixelAt returns the captured pixel over the chart point p.
func pixelAt(c ui.Capture, p geom.Point) colorful.Color {
	x, y := c.Camera.ToScreen(p)
	px := c.Image.RGBAAt(int(math.Floor(x)), int(math.Floor(y)))
	return colorful.Color{R: float64(px.R) / 255, G: float64(px.G) / 255, B: float64(px.B) / 255}
}

func TestE2EScreenPixels(t *testing.T) {
	need(t)
	for _, n := range []string{"before", "undone", "after"} {
		if _, ok := e2e.captures[n]; !ok {
			t.Fatalf("no %q capture was taken", n)
		}
	}
	skin, err := colorful.Hex(e2e.tpl.Skin)
	if err != nil {
		t.Fatalf("template skin %q: %v", e2e.tpl.Skin, err)
	}
	im := e2e.ink.on(impression.New(e2e.targets[0], e2e.needle, 1, 0))
	dot := appearance.Dot(im, skin, appearance.Fresh).Colour
	if colour.DeltaE00(dot, skin) < 10 {
		t.Fatalf("test premise: the dot colour %s is too close to the skin %s to tell apart", dot.Hex(), skin.Hex())
	}
	// The template under the dots is skin, perhaps tinted by the zone
	// overlay: near skin, far from the dot colour.
	isSkin := func(c colorful.Color) bool {
		return colour.DeltaE00(c, skin) < 8 && colour.DeltaE00(c, dot) > 2*colour.DeltaE00(c, skin)
	}
	isDot := func(c colorful.Color) bool { return colour.DeltaE00(c, dot) < 4 }

	before, undone, after := e2e.captures["before"], e2e.captures["undone"], e2e.captures["after"]
	for i, p := range e2e.targets[:3] {
		if c := pixelAt(before, p); !isSkin(c) {
			t.Errorf("before clicking, target %d pixel %s is not skin-coloured (skin %s)", i, c.Hex(), skin.Hex())
		}
		if c := pixelAt(after, p); !isDot(c) {
			t.Errorf("after clicking, target %d pixel %s is not dot-coloured (dot %s, ΔE00 %.1f)", i, c.Hex(), dot.Hex(), colour.DeltaE00(c, dot))
		}
	}
	// Undo took the third dot off the screen, and left the others.
	if c := pixelAt(undone, e2e.targets[2]); !isSkin(c) {
		t.Errorf("after undo, target 2 pixel %s is not skin-coloured again", c.Hex())
	}
	if c := pixelAt(undone, e2e.targets[1]); !isDot(c) {
		t.Errorf("after undo, target 1 pixel %s is not dot-coloured", c.Hex())
	}
	// Between the dots is skin.
	mid := geom.Point{X: e2e.targets[0].X + 1.5, Y: e2e.targets[0].Y + 1}
	if c := pixelAt(after, mid); !isSkin(c) {
		t.Errorf("between the dots the pixel %s is not skin-coloured", c.Hex())
	}
	_ = color.RGBA{}
	_ = image.Point{}
}

func TestE2EPatchedTilesEqualFullRedraw(t *testing.T) {
	need(t)
	if e2e.tiles == 0 {
		t.Fatal("no tiles were cached")
	}
	if e2e.tileCheck != nil {
		t.Error(e2e.tileCheck)
	}
}

func TestE2EPreviewHealed(t *testing.T) {
	need(t)
	c, ok := e2e.captures["healed"]
	if !ok {
		t.Fatal("no healed capture")
	}
	skin, _ := colorful.Hex(e2e.tpl.Skin)
	im := e2e.ink.on(impression.New(e2e.targets[0], e2e.needle, 1, 0))
	fresh := appearance.Dot(im, skin, appearance.Fresh).Colour
	healed := appearance.Dot(im, skin, appearance.Healed).Colour
	if colour.DeltaE00(fresh, healed) < 3 {
		t.Skipf("the appearance model makes fresh and healed nearly alike (ΔE00 %.1f): nothing to tell apart", colour.DeltaE00(fresh, healed))
	}
	got := pixelAt(c, e2e.targets[0])
	if dh, df := colour.DeltaE00(got, healed), colour.DeltaE00(got, fresh); dh > 4 || dh >= df {
		t.Errorf("healed preview pixel %s: ΔE00 %.1f to the healed look %s, %.1f to the fresh %s", got.Hex(), dh, healed.Hex(), df, fresh.Hex())
	}
}

// TestE2ENoSeams compares, at a zoom between buckets, the pixels along
// each tile edge with those two pixels either side: averaged along the
// edge, texture evens out, and a seam stands out as a line.
func TestE2ENoSeams(t *testing.T) {
	need(t)
	c, ok := e2e.captures["seams"]
	if !ok {
		t.Fatal("no seams capture")
	}
	if z := c.Camera.Zoom(); math.Abs(z-math.Exp2(0.25)) > 1e-6 {
		t.Fatalf("capture at zoom %v, want one wheel notch (2^0.25) from 1:1", z)
	}
	if len(e2e.edgesX)+len(e2e.edgesY) == 0 {
		t.Fatal("no tile edges on screen: the test tests nothing")
	}
	b := c.Image.Bounds()
	// Stay clear of the title and status bars and the scale bar.
	top, bottom := 60, b.Max.Y-80
	lum := func(x, y int) float64 {
		p := c.Image.RGBAAt(x, y)
		return 0.2126*float64(p.R) + 0.7152*float64(p.G) + 0.0722*float64(p.B)
	}
	line := func(vertical bool, at int) float64 {
		sum, n := 0.0, 0
		if vertical {
			for y := top; y < bottom; y++ {
				sum += lum(at, y)
				n++
			}
		} else {
			for x := 120; x < b.Max.X-20; x++ {
				sum += lum(x, at)
				n++
			}
		}
		return sum / float64(n)
	}
	check := func(vertical bool, edge float64, lo, hi int) {
		e := int(math.Floor(edge))
		if e-3 < lo || e+3 >= hi {
			return
		}
		for _, at := range []int{e - 1, e, e + 1} {
			mid := line(vertical, at)
			around := (line(vertical, at-3) + line(vertical, at+3)) / 2
			if math.Abs(mid-around) > 4 {
				t.Errorf("a seam at the tile edge near %s %d: mean luma %.1f against %.1f either side", map[bool]string{true: "x", false: "y"}[vertical], at, mid, around)
			}
		}
	}
	for _, x := range e2e.edgesX {
		check(true, x, 0, b.Max.X)
	}
	for _, y := range e2e.edgesY {
		check(false, y, top, bottom)
	}
}

// TestE2EDrawHasNoSideEffects: see CheckDrawIsPure.
func TestE2EDrawHasNoSideEffects(t *testing.T) {
	need(t)
	if len(e2e.drawPure) != 2 {
		t.Fatalf("%d checks ran, want 2", len(e2e.drawPure))
	}
	for i, err := range e2e.drawPure {
		if err != nil {
			t.Errorf("check %d: %v", i+1, err)
		}
	}
}
