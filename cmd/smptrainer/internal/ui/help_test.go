package ui

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// helpGame returns a headless game on the default exercise (it has a
// brief, which the help shows too) with a w×h window.
func helpGame(t *testing.T, w, h int) *Game {
	t.Helper()
	t.Setenv("SMPTRAINER_DATA", t.TempDir())
	g, err := NewGame(Config{NoIntro: true, Source: input.NewScript(), Autosave: -1})
	if err != nil {
		t.Fatal(err)
	}
	g.w, g.h, g.dsf = w, h, 1
	return g
}

// checkRowInside fails when row r, drawn at scroll s, leaves the window
// or the panel.
func checkRowInside(t *testing.T, g *Game, L helpLayout, r helpRow, s float64, name string) {
	t.Helper()
	x0, y0, x1, y1 := r.x, r.y-s, r.x+r.w, r.y-s+r.h
	if x0 < 0 || y0 < 0 || x1 > float64(g.w) || y1 > float64(g.h) {
		t.Errorf("%s: row %q at (%.0f,%.0f)–(%.0f,%.0f) leaves the %d×%d window", name, r.key, x0, y0, x1, y1, g.w, g.h)
	}
	if x0 < L.panelX || x1 > L.panelX+L.panelW+0.5 || y0 < L.panelY || y1 > L.panelY+L.panelH+0.5 {
		t.Errorf("%s: row %q leaves the panel", name, r.key)
	}
	for _, l := range r.desc {
		if w := measure(l, g.small); w > r.w-L.keyW {
			t.Errorf("%s: description line %q is %.0f px, wider than its %.0f px column", name, l, w, r.w-L.keyW)
		}
	}
}

// TestHelpFitsAt1600x1000: at 1600×1000 every key row is drawn, without
// scrolling, inside the window, in more than one column (smaller windows
// scroll: TestHelpScrollsWhenSmall).
func TestHelpFitsAt1600x1000(t *testing.T) {
	g := helpGame(t, 1600, 1000)
	L := g.helpLayout()
	if len(L.rows) != len(Keys) {
		t.Fatalf("%d rows laid out for %d keys", len(L.rows), len(Keys))
	}
	if L.cols < 2 {
		t.Errorf("%d column(s) at 1600×1000, want 2 or more", L.cols)
	}
	if L.maxScroll > 0.5 {
		t.Errorf("help needs %.0f px of scrolling at 1600×1000; want it to fit (%d columns, %d brief lines)", L.maxScroll, L.cols, len(L.brief))
	}
	for _, r := range L.rows {
		if !L.visible(r, 0) {
			t.Errorf("row %q not drawn (y %.0f–%.0f, view %.0f–%.0f)", r.key, r.y, r.y+r.h, L.viewTop, L.viewBottom)
		}
		checkRowInside(t, g, L, r, 0, "1600×1000")
	}
	// Rows of one column do not overlap.
	for i := 1; i < len(L.rows); i++ {
		a, b := L.rows[i-1], L.rows[i]
		if a.x == b.x && b.y < a.y+a.h-0.01 {
			t.Errorf("rows %q and %q overlap", a.key, b.key)
		}
	}
}

// TestHelpScrollsWhenSmall: in a window too small for every row, the
// arrows and the wheel scroll, every row is drawn at some scroll position,
// and nothing drawn leaves the window; other keys close the help.
func TestHelpScrollsWhenSmall(t *testing.T) {
	g := helpGame(t, 640, 420)
	g.toggleHelp()
	h := g.helpOpen()
	L := g.helpLayout()
	if L.maxScroll <= 0 {
		t.Fatalf("everything fits in 640×420 (%d columns); the test needs a window that scrolls", L.cols)
	}
	seen := make([]bool, len(L.rows))
	for step := 0; step < 200 && h.scroll < L.maxScroll; step++ {
		for i, r := range L.rows {
			if L.visible(r, h.scroll) {
				seen[i] = true
				checkRowInside(t, g, L, r, h.scroll, "640×420")
			}
		}
		before := h.scroll
		in := input.Input{Keys: []ebiten.Key{ebiten.KeyDown}}
		if step%2 == 1 {
			in = input.Input{WheelY: -1}
		}
		g.apply(&in)
		if g.helpOpen() == nil {
			t.Fatal("scrolling closed the help")
		}
		if h.scroll <= before {
			t.Fatalf("scroll stuck at %.0f of %.0f", h.scroll, L.maxScroll)
		}
	}
	for i, r := range L.rows {
		if L.visible(r, h.scroll) {
			seen[i] = true
		}
	}
	for i, ok := range seen {
		if !ok {
			t.Errorf("row %q is never drawn while scrolling", L.rows[i].key)
		}
	}
	g.apply(&input.Input{Keys: []ebiten.Key{ebiten.KeyEscape}})
	if g.helpOpen() != nil {
		t.Error("Esc did not close the help")
	}
}
