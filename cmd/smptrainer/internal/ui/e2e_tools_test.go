package ui_test

// The working tools, end to end in the same window as e2e_test.go: depth
// from the hold time of a click, stipple mode, both needles in both modes,
// healing a session, the eraser, and PNG export.

import (
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/session"
)

// tools holds what the tools scenario observed.
var tools struct {
	ran bool
	// Points aimed at: quick 1RL click, held 1RL press, flick 1RL,
	// quick 3RL click, the stipple stroke's start, the session-2 3RL
	// click, and a 3RL click that is then erased.
	quick, held, flick, quick3, strokeFrom, s2, erased geom.Point
	strokeDX                                           float64 // mm
	deepMsg, flickMsg                                  string

	beforeStroke, afterStroke, afterStrokeUndo, afterStrokeRedo int
	strokeRate                                                  float64
	number1, numberHealed, numberUndone, numberRedone           int
	beforeErase, afterErase, afterEraseUndo, afterEraseRedo     int
	erasedBackAt                                                int // index of the erased dot after undo, -1 if absent
	erasedIndex                                                 int

	// ink3 and inkS2 are the inks of the quick 3RL click and the
	// session-2 click.
	ink3, inkS2 ink

	tileCheck error
	// tileCheckUndo is CheckTiles right after the erase's undo.
	tileCheckUndo error
	reviewShown   int
	reviewLeft    bool // still reviewing after Esc

	savePath, exportPath string
	exportCam            ui.Capture
}

func init() { scenarios = append(scenarios, toolsScenario) }

func toolsScenario(g *ui.Game, s *input.Script) {
	tools.ran = true
	tg := pickTargets(e2e.tpl)
	c := geom.Point{X: tg[0].X, Y: tg[0].Y - 4}
	tools.quick = c
	tools.held = geom.Point{X: c.X + 3, Y: c.Y}
	tools.flick = geom.Point{X: c.X + 6, Y: c.Y}
	tools.quick3 = geom.Point{X: c.X - 3, Y: c.Y}
	tools.strokeFrom = geom.Point{X: c.X - 6, Y: c.Y + 4}
	tools.strokeDX = 8
	tools.s2 = geom.Point{X: c.X, Y: c.Y - 4}
	tools.erased = geom.Point{X: c.X + 3, Y: c.Y - 4}
	away := geom.Point{X: c.X + 9, Y: c.Y + 7}
	tap := func(p geom.Point, hold int) {
		s.MoveToMM(p).Press(input.Left).Wait(hold - 1).Release(input.Left)
	}
	msg := func(dst *string) func() { return func() { *dst, _ = g.Message() } }
	count := func(dst *int) func() { return func() { *dst = g.Doc().Len() } }

	// New work on the same exercise (the first scenario saved its own),
	// at 8:1 about c.
	s.Key(ebiten.KeyN, ebiten.KeyControl).Key(ebiten.KeyDigit0)
	s.MoveToMM(c)
	for range 12 {
		s.Wheel(1).Wait(1)
	}
	s.Do(func() { tools.number1 = g.Doc().Number })
	// Click mode, 1RL 0.20: a quick click, a held press, a flick.
	s.Key(ebiten.KeyDigit1).Key(ebiten.KeyBracketLeft).Key(ebiten.KeyBracketLeft)
	tap(tools.quick, 6)
	tap(tools.held, 40) // 0.67 s
	s.Do(msg(&tools.deepMsg))
	tap(tools.flick, 1)
	s.Do(msg(&tools.flickMsg))
	// Click mode, 3RL 0.20.
	s.Key(ebiten.KeyDigit3)
	tap(tools.quick3, 6)
	s.Do(func() { tools.ink3 = inkOf(g) })
	// Stipple mode, 3RL: a 1.5 s drag of strokeDX mm.
	s.Key(ebiten.KeyT).Do(func() { tools.strokeRate = g.StippleRate() }).Do(count(&tools.beforeStroke))
	drag(s, tools.strokeFrom, tools.strokeDX, 90)
	s.Do(count(&tools.afterStroke))
	s.Key(ebiten.KeyZ, ebiten.KeyControl).Do(count(&tools.afterStrokeUndo))
	s.Key(ebiten.KeyY, ebiten.KeyControl).Do(count(&tools.afterStrokeRedo))
	// Stipple mode, 1RL: a short stroke.
	s.Key(ebiten.KeyDigit1)
	drag(s, geom.Point{X: tools.strokeFrom.X, Y: tools.strokeFrom.Y + 2}, 3, 40)
	s.Key(ebiten.KeyT) // back to click mode
	// Heal session 1; place in session 2; undo both and redo both.
	s.Key(ebiten.KeyH, ebiten.KeyControl).Do(func() { tools.numberHealed = g.Doc().Number })
	s.Key(ebiten.KeyDigit3)
	tap(tools.s2, 6)
	s.Do(func() { tools.inkS2 = inkOf(g) })
	s.Key(ebiten.KeyZ, ebiten.KeyControl).Key(ebiten.KeyZ, ebiten.KeyControl).Do(func() { tools.numberUndone = g.Doc().Number })
	s.Key(ebiten.KeyY, ebiten.KeyControl).Key(ebiten.KeyY, ebiten.KeyControl).Do(func() { tools.numberRedone = g.Doc().Number })
	s.MoveToMM(away).Capture("tools-healed")
	// The eraser: place a dot, erase it, undo, redo.
	tap(tools.erased, 6)
	s.Do(func() { tools.erasedIndex = g.Doc().Len() - 1 })
	s.Do(count(&tools.beforeErase))
	s.Key(ebiten.KeyE)
	s.MoveToMM(tools.erased).Click(input.Left).Do(count(&tools.afterErase))
	s.Key(ebiten.KeyZ, ebiten.KeyControl).Do(count(&tools.afterEraseUndo)).Do(func() {
		tools.erasedBackAt = -1
		for i, im := range g.Doc().Impressions() {
			if im.Pos.Dist(tools.erased) < 0.2 {
				tools.erasedBackAt = i
			}
		}
	})
	s.Do(func() { tools.tileCheckUndo = g.Layer().CheckTiles() })
	s.Key(ebiten.KeyY, ebiten.KeyControl).Do(count(&tools.afterEraseRedo))
	s.Key(ebiten.KeyE)
	// The tiles patched by the heal, the erase and its undo and redo
	// equal a full redraw.
	s.MoveToMM(away).Capture("tools-tiles").Do(func() { tools.tileCheck = g.Layer().CheckTiles() })
	// Save, then export with the score card.
	s.Key(ebiten.KeyS, ebiten.KeyControl).Do(func() { tools.savePath = g.SavePath() })
	s.MoveToMM(away).Capture("tools-export")
	s.Key(ebiten.KeyE, ebiten.KeyControl).Do(func() { tools.exportPath = g.LastExport() })
	// Review: back to the start, step to the fourth impression placed
	// (the 3RL click), look, and leave.
	s.Key(ebiten.KeyF3).Key(ebiten.KeyHome)
	for range 4 {
		s.Key(ebiten.KeyArrowRight)
	}
	s.Do(func() {
		_, rd := g.Reviewing()
		if rd != nil {
			tools.reviewShown = rd.Len()
		}
	})
	s.MoveToMM(away).Capture("tools-review").Key(ebiten.KeyEscape)
	s.Do(func() { tools.reviewLeft, _ = g.Reviewing() })
}

// drag holds the left button from p for ticks ticks while moving dx mm to
// the right, a tick per step.
func drag(s *input.Script, p geom.Point, dx float64, ticks int) {
	s.MoveToMM(p).Press(input.Left)
	for i := 1; i < ticks; i++ {
		s.MoveToMM(geom.Point{X: p.X + dx*float64(i)/float64(ticks), Y: p.Y})
	}
	s.Release(input.Left)
}

func needTools(t *testing.T) {
	t.Helper()
	need(t)
	if !tools.ran {
		t.Fatal("the tools scenario did not run")
	}
}

func toolsSession(t *testing.T) *session.Session {
	t.Helper()
	if tools.savePath == "" {
		t.Fatal("the tools scenario saved nowhere")
	}
	ss, err := session.Load(tools.savePath)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

// near returns the saved impressions within r mm of p.
func near(ss *session.Session, p geom.Point, r float64) []impression.Impression {
	var out []impression.Impression
	for _, im := range ss.Impressions {
		if im.Pos.Dist(p) <= r {
			out = append(out, im)
		}
	}
	return out
}

func TestE2EDepthFromHold(t *testing.T) {
	needTools(t)
	ss := toolsSession(t)
	for _, c := range []struct {
		name   string
		p      geom.Point
		depth  impression.Depth
		needle impression.Needle
	}{
		{"quick 1RL click", tools.quick, impression.Target, impression.Needle{Grouping: impression.RL1, GaugeMM: 0.20}},
		{"held 1RL press", tools.held, impression.Deep, impression.Needle{Grouping: impression.RL1, GaugeMM: 0.20}},
		{"1RL flick", tools.flick, impression.Shallow, impression.Needle{Grouping: impression.RL1, GaugeMM: 0.20}},
		{"quick 3RL click", tools.quick3, impression.Target, impression.Needle{Grouping: impression.RL3, GaugeMM: 0.20}},
	} {
		ims := near(ss, c.p, 0.1)
		if len(ims) != 1 {
			t.Errorf("%s: %d saved impressions at %v, want 1", c.name, len(ims), c.p)
			continue
		}
		if ims[0].Depth != c.depth || ims[0].Needle != c.needle || ims[0].Session != 1 {
			t.Errorf("%s: depth %s, needle %v, session %d; want %s, %v, 1", c.name, ims[0].Depth, ims[0].Needle, ims[0].Session, c.depth, c.needle)
		}
	}
	if !contains(tools.deepMsg, "deep: blow-out") || !contains(tools.deepMsg, "held 0.7 s") {
		t.Errorf("message after the held press %q, want the deep toast with the hold time", tools.deepMsg)
	}
	if !contains(tools.flickMsg, "shallow") {
		t.Errorf("message after the flick %q, want the shallow toast", tools.flickMsg)
	}
}

func TestE2EStipple(t *testing.T) {
	needTools(t)
	n := tools.afterStroke - tools.beforeStroke
	// 1.5 s at the rhythm, ± the rhythm's jitter and a dot either end.
	want := 1.5 * tools.strokeRate
	if float64(n) < want*0.7 || float64(n) > want*1.3+1 {
		t.Errorf("a 1.5 s stipple stroke at %g/s placed %d impressions, want about %.0f", tools.strokeRate, n, want)
	}
	if tools.afterStrokeUndo != tools.beforeStroke || tools.afterStrokeRedo != tools.afterStroke {
		t.Errorf("counts before/after stroke/undo/redo %d/%d/%d/%d: one undo should take the whole stroke back",
			tools.beforeStroke, tools.afterStroke, tools.afterStrokeUndo, tools.afterStrokeRedo)
	}
	ss := toolsSession(t)
	var rl1, rl3 []impression.Impression
	for _, im := range ss.Impressions {
		dy := im.Pos.Y - tools.strokeFrom.Y
		if im.Pos.X < tools.strokeFrom.X-1 || im.Pos.X > tools.strokeFrom.X+tools.strokeDX+1 || dy < -1 || dy > 3 {
			continue
		}
		if im.Needle.Grouping == impression.RL3 {
			rl3 = append(rl3, im)
		} else {
			rl1 = append(rl1, im)
		}
	}
	if len(rl3) != n || len(rl1) < 2 {
		t.Fatalf("saved stipple impressions: %d 3RL (want %d), %d 1RL (want several)", len(rl3), n, len(rl1))
	}
	// Jittered: not all on the stroke's line.
	off := 0
	for _, im := range rl3 {
		if math.Abs(im.Pos.Y-tools.strokeFrom.Y) > 0.02 {
			off++
		}
		if im.Depth != impression.Target {
			t.Errorf("stipple impression depth %s, want target", im.Depth)
		}
	}
	if off == 0 {
		t.Error("every stipple impression lies exactly on the stroke: no jitter")
	}
	// A steady rhythm: the gaps between impressions stay near 1/rate.
	for i := 1; i < len(rl3); i++ {
		gap := rl3[i].TimeS - rl3[i-1].TimeS
		if gap < 0.5/tools.strokeRate || gap > 1.5/tools.strokeRate {
			t.Errorf("stipple gap %d: %.3f s at %g/s", i, gap, tools.strokeRate)
		}
	}
}

func TestE2EHealSession(t *testing.T) {
	needTools(t)
	if tools.number1 != 1 || tools.numberHealed != 2 || tools.numberUndone != 1 || tools.numberRedone != 2 {
		t.Errorf("session number start/healed/undone/redone %d/%d/%d/%d, want 1/2/1/2",
			tools.number1, tools.numberHealed, tools.numberUndone, tools.numberRedone)
	}
	ss := toolsSession(t)
	if ss.Number != 2 {
		t.Errorf("saved session number %d, want 2", ss.Number)
	}
	per := map[int]int{}
	for _, im := range ss.Impressions {
		per[im.Session]++
	}
	if per[1] < 5 || per[2] < 1 {
		t.Errorf("saved impressions per session %v, want session 1's and session 2's", per)
	}
	if ims := near(ss, tools.s2, 0.1); len(ims) != 1 || ims[0].Session != 2 {
		t.Errorf("the click after healing: %v, want one session-2 impression", ims)
	}
	// On screen, under the fresh preview, session 1's dots show healed
	// and session 2's fresh.
	c, ok := e2e.captures["tools-healed"]
	if !ok {
		t.Fatal("no tools-healed capture")
	}
	skin, _ := colorful.Hex(e2e.tpl.Skin)
	n3 := impression.Needle{Grouping: impression.RL3, GaugeMM: 0.20}
	for _, cs := range []struct {
		name string
		p    geom.Point
		sess int
		st   appearance.Stage
	}{{"session 1 dot", tools.quick3, 1, appearance.Healed}, {"session 2 dot", tools.s2, 2, appearance.Fresh}} {
		k := tools.ink3
		if cs.sess == 2 {
			k = tools.inkS2
		}
		im := k.on(impression.New(cs.p, n3, cs.sess, 0))
		want := appearance.Dot(im, skin, cs.st).Colour
		other := appearance.Dot(im, skin, appearance.Healed).Colour
		if cs.st == appearance.Healed {
			other = appearance.Dot(im, skin, appearance.Fresh).Colour
		}
		got := pixelAt(c, cs.p)
		if dw, do := colour.DeltaE00(got, want), colour.DeltaE00(got, other); dw > 4 || dw >= do {
			t.Errorf("%s pixel %s: ΔE00 %.1f to its %s look %s, %.1f to the other %s", cs.name, got.Hex(), dw, cs.st, want.Hex(), do, other.Hex())
		}
	}
}

func TestE2EEraser(t *testing.T) {
	needTools(t)
	if tools.afterErase != tools.beforeErase-1 || tools.afterEraseUndo != tools.beforeErase || tools.afterEraseRedo != tools.afterErase {
		t.Errorf("counts before/after erase/undo/redo %d/%d/%d/%d, want n/n-1/n/n-1",
			tools.beforeErase, tools.afterErase, tools.afterEraseUndo, tools.afterEraseRedo)
	}
	if tools.erasedBackAt != tools.erasedIndex {
		t.Errorf("undoing the erase put the dot back at index %d, want %d", tools.erasedBackAt, tools.erasedIndex)
	}
	ss := toolsSession(t)
	if ims := near(ss, tools.erased, 0.5); len(ims) != 0 {
		t.Errorf("the erased dot is in the saved file: %v", ims)
	}
}

func TestE2EToolTilesEqualFullRedraw(t *testing.T) {
	needTools(t)
	if _, ok := e2e.captures["tools-tiles"]; !ok {
		t.Fatal("no tools-tiles capture: the tiles were never complete")
	}
	if tools.tileCheck != nil {
		t.Error(tools.tileCheck)
	}
	if tools.tileCheckUndo != nil {
		t.Errorf("after undoing the erase: %v", tools.tileCheckUndo)
	}
}

func TestE2EExportPNG(t *testing.T) {
	needTools(t)
	if tools.exportPath == "" {
		t.Fatal("Ctrl+E exported nothing")
	}
	f, err := os.Open(tools.exportPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", tools.exportPath, err)
	}
	if keep := os.Getenv("SMP_KEEP_EXPORT"); keep != "" {
		// For a look at the export: SMP_KEEP_EXPORT=/tmp/x.png.
		if data, err := os.ReadFile(tools.exportPath); err == nil {
			_ = os.WriteFile(keep, data, 0o644)
		}
	}
	cam := e2e.captures["tools-export"].Camera
	b := img.Bounds()
	if b.Dx() != 2*900 {
		t.Fatalf("export %d px wide, want 2× the 900 px window", b.Dx())
	}
	skin, _ := colorful.Hex(e2e.tpl.Skin)
	at := func(p geom.Point) colorful.Color {
		x, y := cam.ToScreen(p)
		r, g, bb, _ := img.At(int(math.Floor(2*x)), int(math.Floor(2*y))).RGBA()
		return colorful.Color{R: float64(r) / 0xffff, G: float64(g) / 0xffff, B: float64(bb) / 0xffff}
	}
	// The session-2 dot, fresh, where it was placed.
	im := tools.inkS2.on(impression.New(tools.s2, impression.Needle{Grouping: impression.RL3, GaugeMM: 0.20}, 2, 0))
	dot := appearance.Dot(im, skin, appearance.Fresh).Colour
	if got := at(tools.s2); colour.DeltaE00(got, dot) > 4 {
		t.Errorf("export pixel at the session-2 dot %s, want the dot colour %s (ΔE00 %.1f)", got.Hex(), dot.Hex(), colour.DeltaE00(got, dot))
	}
	// Between dots: skin (perhaps zone-tinted).
	if got := at(geom.Point{X: tools.s2.X + 1.5, Y: tools.s2.Y + 1}); colour.DeltaE00(got, skin) > 8 {
		t.Errorf("export pixel beside the dot %s, want skin %s", got.Hex(), skin.Hex())
	}
	// The score card: a dark band under the view with light text in it.
	viewH := b.Dy()
	for y := b.Dy() - 1; y > 0; y-- {
		if !isCard(img, 2, y) {
			viewH = y + 1
			break
		}
	}
	if b.Dy()-viewH < 40 {
		t.Fatalf("no score card band at the bottom (dark band %d px high)", b.Dy()-viewH)
	}
	light := 0
	for y := viewH; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			r, _, _, _ := img.At(x, y).RGBA()
			if r > 0xc000 {
				light++
			}
		}
	}
	if light < 500 {
		t.Errorf("the score card band holds %d light pixels: no text", light)
	}
	var _ image.Image = img
}

// isCard reports whether the pixel is the score card's background.
func isCard(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return r>>8 == 0x1b && g>>8 == 0x1d && b>>8 == 0x1f
}

func TestE2EReviewReplay(t *testing.T) {
	needTools(t)
	if tools.reviewShown != 4 || tools.reviewLeft {
		t.Fatalf("review after Home and four steps showed %d impressions (want 4); still open after Esc: %v", tools.reviewShown, tools.reviewLeft)
	}
	c, ok := e2e.captures["tools-review"]
	if !ok {
		t.Fatal("no tools-review capture")
	}
	skin, _ := colorful.Hex(e2e.tpl.Skin)
	n3 := impression.Needle{Grouping: impression.RL3, GaugeMM: 0.20}
	// The fourth impression placed shows (session 1, healed by now); the
	// session-2 one, placed later, does not yet.
	im := tools.ink3.on(impression.New(tools.quick3, n3, 1, 0))
	dot := appearance.Dot(im, skin, appearance.Healed).Colour
	if got := pixelAt(c, tools.quick3); colour.DeltaE00(got, dot) > 4 {
		t.Errorf("replay pixel at the 4th impression %s, want its dot %s", got.Hex(), dot.Hex())
	}
	if got := pixelAt(c, tools.s2); colour.DeltaE00(got, skin) > 8 {
		t.Errorf("replay pixel at a later impression %s, want skin %s: not placed yet at step 4", got.Hex(), skin.Hex())
	}
}

// TestE2EKeepCaptures writes every frame the scripted run read back into
// the folder SMP_KEEP_CAPTURES names, for a look at the screens; it checks
// nothing else.
func TestE2EKeepCaptures(t *testing.T) {
	dir := os.Getenv("SMP_KEEP_CAPTURES")
	if dir == "" {
		t.Skip("set SMP_KEEP_CAPTURES=folder to keep the e2e screens")
	}
	need(t)
	for name, c := range e2e.captures {
		f, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, c.Image); err != nil {
			t.Error(err)
		}
		f.Close()
	}
}
