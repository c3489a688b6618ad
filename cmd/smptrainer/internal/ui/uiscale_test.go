package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/store"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// TestUIScaleKeysAndMemory: Ctrl+= and Ctrl+− step the UI size within
// store.UIScales, text and panels grow with it and the chart does not, the size
// is remembered in the data folder for the next start, and Ctrl+0 resets.
func TestUIScaleKeysAndMemory(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	t.Setenv("SMPTRAINER_DATA", data)
	s := input.NewScript()
	g, err := NewGame(Config{NoIntro: true, Source: s, Autosave: -1})
	if err != nil {
		t.Fatal(err)
	}
	g.w, g.h = 1280, 720
	s.Wait(1)
	play(t, g, s)
	scale0, status0 := g.cam.Scale, g.statusHeight()
	s.Key(ebiten.KeyEqual, ebiten.KeyControl).Key(ebiten.KeyEqual, ebiten.KeyControl)
	play(t, g, s)
	if g.UIScale() != store.UIScales[2] {
		t.Fatalf("two Ctrl+= gave UI size %g, want %g", g.UIScale(), store.UIScales[2])
	}
	if g.cam.Scale != scale0 {
		t.Errorf("the chart's scale changed with the UI size: %g → %g px/mm", scale0, g.cam.Scale)
	}
	if got, want := g.statusHeight(), status0*3/2; got < want-1 || got > want+1 {
		t.Errorf("status line %d px at ×1.5, want about %d", got, want)
	}
	for range len(store.UIScales) + 1 {
		s.Key(ebiten.KeyEqual, ebiten.KeyControl)
	}
	play(t, g, s)
	if top := store.UIScales[len(store.UIScales)-1]; g.UIScale() != top {
		t.Errorf("UI size %g after many Ctrl+=, want the largest %g", g.UIScale(), top)
	}
	// The next start remembers it.
	g2, err := NewGame(Config{NoIntro: true, Source: input.NewScript(), Autosave: -1})
	if err != nil {
		t.Fatal(err)
	}
	if g2.UIScale() != g.UIScale() {
		t.Errorf("next start has UI size %g, want the remembered %g", g2.UIScale(), g.UIScale())
	}
	// At the largest size the help still fits or scrolls to every row.
	g.w, g.h, g.dsf = 1280, 720, 1
	L := g.helpLayout()
	for _, r := range L.rows {
		if r.x < 0 || r.x+r.w > float64(g.w) {
			t.Errorf("at ×%g the help row %q leaves the window sideways", g.UIScale(), r.key)
		}
	}
	s.Key(ebiten.KeyMinus, ebiten.KeyControl)
	play(t, g, s)
	if g.UIScale() != store.UIScales[len(store.UIScales)-2] {
		t.Errorf("Ctrl+− gave %g", g.UIScale())
	}
	s.Key(ebiten.KeyDigit0, ebiten.KeyControl)
	play(t, g, s)
	if g.UIScale() != 1 {
		t.Errorf("Ctrl+0 gave %g, want 1", g.UIScale())
	}
	if g.cam.Scale != scale0 {
		t.Errorf("Ctrl+0 changed the chart's zoom")
	}
}

// TestDamagedSettingsNamedAndKept: a damaged settings file is named in the
// message, the defaults are used, and changing the size does not write
// over it.
func TestDamagedSettingsNamedAndKept(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	t.Setenv("SMPTRAINER_DATA", data)
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(data, store.SettingsFile)
	bad := []byte(`{"ui_scale": 7}`)
	if err := os.WriteFile(p, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	s := input.NewScript()
	g, err := NewGame(Config{NoIntro: true, Source: s, Autosave: -1, Template: "square20"})
	if err != nil {
		t.Fatal(err)
	}
	msg, isErr := g.Message()
	if !isErr || !strings.Contains(msg, p) || !strings.Contains(msg, "ui_scale") {
		t.Errorf("message %q (error %v), want an error naming %s and ui_scale", msg, isErr, p)
	}
	if g.UIScale() != 1 {
		t.Errorf("UI size %g from a damaged file, want 1", g.UIScale())
	}
	g.w, g.h = 800, 600
	s.Key(ebiten.KeyEqual, ebiten.KeyControl)
	play(t, g, s)
	if g.UIScale() <= 1 {
		t.Error("Ctrl+= did nothing")
	}
	if b, _ := os.ReadFile(p); string(b) != string(bad) {
		t.Errorf("the damaged settings file was written over: %q", b)
	}
}
