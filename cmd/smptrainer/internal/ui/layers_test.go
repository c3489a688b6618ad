package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/sim/exercise"
	"strings"
	"testing"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/keymap"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// clickAt clicks, as a hand does (press, hold 0.1 s, release), where pos
// points at the tick the click starts.
func clickAt(s *input.Script, pos func(input.Context) (float64, float64)) {
	s.MoveWith(pos).Press(input.Left).Wait(6).Release(input.Left).Wait(3)
}

// buttonAt points at the middle of action a's toolbar button in *g (-1,
// -1 when it has none).
func buttonAt(g **Game, a keymap.Action) func(input.Context) (float64, float64) {
	return func(input.Context) (float64, float64) {
		r, ok := (*g).Button(a)
		if !ok {
			return -1, -1
		}
		return r.X + r.W/2, r.Y + r.H/2
	}
}

// footButtonAt points at the middle of the button among bs() whose
// label starts with label.
func footButtonAt(t *testing.T, bs func() []footButton, label string) func(input.Context) (float64, float64) {
	return func(input.Context) (float64, float64) {
		for _, b := range bs() {
			if strings.HasPrefix(b.label, label) {
				return b.box.X + b.box.W/2, b.box.Y + b.box.H/2
			}
		}
		t.Errorf("no button %q", label)
		return -1, -1
	}
}

// TestToolbarOpensLayers: a toolbar button that opens a layer acts on the
// press; the layer must not take the rest of that click (the release,
// over the toolbar) as a click of its own. The exercise list once closed
// on it, so its button seemed to do nothing.
func TestToolbarOpensLayers(t *testing.T) {
	for _, c := range []struct {
		a    keymap.Action
		want string
	}{
		{keymap.Exercises, "list"},
		{keymap.Help, "help"},
		{keymap.TaskCard, "task"},
		{keymap.Open, "browser"},
		{keymap.SaveAs, "browser"},
		{keymap.Settings, "name"},
	} {
		t.Run(string(c.a), func(t *testing.T) {
			var g *Game
			s := input.NewScript().Wait(2)
			clickAt(s, buttonAt(&g, c.a))
			g = newHeadless(t, s, "")
			if _, ok := g.Button(c.a); !ok {
				t.Fatalf("no toolbar button for %s", c.a)
			}
			g.w, g.h = 1600, 1000 // every button on the strip, none under More
			play(t, g, s)
			if got := g.TopLayer(); got != c.want {
				t.Errorf("after a click on %s: top layer %q, want %q", c.a, got, c.want)
			}
		})
	}
}

// TestExerciseListClicks: opened from the toolbar, the list picks the row
// a click lands on, and a click beside it closes it.
func TestExerciseListClicks(t *testing.T) {
	var g *Game
	s := input.NewScript().Wait(2)
	var exs []*exercise.Exercise
	var beside string
	clickAt(s, buttonAt(&g, keymap.Exercises))
	s.Do(func() {
		if p, ok := g.scenes.Top().(*exPicker); ok {
			exs = p.exs
		}
	})
	clickAt(s, func(input.Context) (float64, float64) { return 5, 500 })
	s.Do(func() { beside = g.TopLayer() })
	clickAt(s, buttonAt(&g, keymap.Exercises))
	clickAt(s, func(input.Context) (float64, float64) {
		x0, y0, rowH, w := g.exPickerGeometry()
		return x0 + w/2, y0 + 1.5*rowH // the second row
	})
	g = newHeadless(t, s, "")
	g.w, g.h = 1600, 1000
	play(t, g, s)
	if beside != "" {
		t.Errorf("a click beside the list left layer %q open", beside)
	}
	if len(exs) < 2 {
		t.Fatalf("%d exercises listed after a click on the toolbar's button (is the list open?)", len(exs))
	}
	if g.TopLayer() == "list" || g.ex == nil || g.ex.ID != exs[1].ID {
		t.Errorf("after a click on the second row: layer %q, exercise %v; want %s open", g.TopLayer(), g.ex, exs[1].ID)
	}
}

// TestIconTip: an icon button's tooltip names it once.
func TestIconTip(t *testing.T) {
	for _, c := range []struct{ name, tip, want string }{
		{"Exercises", "exercises: pick one (F2)", "Exercises: pick one (F2)"},
		{"Undo", "undo (unlimited) (Ctrl+Z)", "Undo (unlimited) (Ctrl+Z)"},
		{"Name", "your name, written into every save", "Name: your name, written into every save"},
		{"Fit", "fi", "Fit: fi"},
	} {
		if got := iconTip(c.name, c.tip); got != c.want {
			t.Errorf("iconTip(%q, %q) = %q, want %q", c.name, c.tip, got, c.want)
		}
	}
}

// TestExerciseListOpensConsultation: the list's last row, a click away
// for a newcomer who does not know Tab, opens the consultation.
func TestExerciseListOpensConsultation(t *testing.T) {
	var g *Game
	s := input.NewScript().Wait(2)
	clickAt(s, buttonAt(&g, keymap.Exercises))
	clickAt(s, func(input.Context) (float64, float64) {
		x0, y0, rowH, w := g.exPickerGeometry()
		p, ok := g.scenes.Top().(*exPicker)
		if !ok {
			t.Error("the exercise list is not open")
			return -1, -1
		}
		return x0 + w/2, y0 + (float64(p.consultRow())+0.5)*rowH
	})
	g = newHeadless(t, s, "")
	g.w, g.h = 1600, 1000
	play(t, g, s)
	if !g.ConsultOpen() {
		t.Errorf("after a click on the list's last row: layer %q, want the consultation", g.TopLayer())
	}
}

// TestExerciseListScrollsInASmallWindow: in a window too short for every
// row, the list shows what fits, inside the window, and scrolls: the
// keys bring the last row (the consultation) into view, where a click
// finds it, and the wheel scrolls back to the first.
func TestExerciseListScrollsInASmallWindow(t *testing.T) {
	var g *Game
	var p *exPicker
	var shown, selAtEnd, firstAtEnd, lastRowAt, firstAfterWheel int
	s := input.NewScript().Wait(2).Key(ebiten.KeyF2).Wait(2)
	s.Do(func() { p, _ = g.scenes.Top().(*exPicker) })
	for range 40 {
		s.Key(ebiten.KeyDown)
	}
	s.Do(func() {
		if p == nil {
			return
		}
		shown, selAtEnd, firstAtEnd = g.exPickerShown(p), p.sel, p.first
		x0, y0, rowH, w := g.exPickerGeometry()
		lastRowAt = g.exRowAt(p, x0+w/2, y0+(float64(shown)-0.5)*rowH)
	})
	s.MoveTo(400, 200)
	for range 40 {
		s.Wheel(1)
	}
	s.Do(func() {
		if p != nil {
			firstAfterWheel = p.first
		}
	})
	// The wheel scrolls with the pointer beside the list too.
	s.MoveTo(5, 200)
	for range 40 {
		s.Wheel(-1)
	}
	g = newHeadless(t, s, "")
	g.w, g.h = 800, 500
	play(t, g, s)
	if p == nil {
		t.Fatal("F2 did not open the list")
	}
	total := p.consultRow() + 1
	if shown >= total {
		t.Fatalf("all %d rows shown at 800×500: the test needs a window that scrolls", total)
	}
	_, y0, rowH, _ := g.exPickerGeometry()
	if bottom := y0 + float64(shown)*rowH; bottom > float64(g.h) {
		t.Errorf("%d rows end at y %.0f, below the %d px window", shown, bottom, g.h)
	}
	if selAtEnd != p.consultRow() || firstAtEnd != total-shown || lastRowAt != p.consultRow() {
		t.Errorf("after 40 × ↓: selected %d, first shown %d, last shown row %d; want the consultation row %d in view (first %d)",
			selAtEnd, firstAtEnd, lastRowAt, p.consultRow(), total-shown)
	}
	if firstAfterWheel != 0 {
		t.Errorf("after the wheel turned up, the first row shown is %d, want 0", firstAfterWheel)
	}
	if p.first != total-shown {
		t.Errorf("after the wheel turned down beside the list, the first row shown is %d, want %d", p.first, total-shown)
	}
}
