package ui

// Game-logic tests without a window: Update reads a scripted Input and
// nothing here draws, so no GPU is needed.

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/session"
)

// newHeadless returns a game on square20 driven by s, with its data folder
// in a temporary directory.
func newHeadless(t *testing.T, s *input.Script, path string) *Game {
	t.Helper()
	t.Setenv("SMPTRAINER_DATA", filepath.Join(t.TempDir(), "data"))
	clock := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	g, err := NewGame(Config{NoIntro: true,
		SessionPath: path,
		Template:    "square20",
		Source:      s,
		Autosave:    30 * time.Second,
		Now: func() time.Time {
			clock = clock.Add(time.Second)
			return clock
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	g.w, g.h = 800, 600
	// A background autosave must finish before the temporary folder goes.
	t.Cleanup(g.Close)
	return g
}

// play runs Update until the script is done.
func play(t *testing.T, g *Game, s *input.Script) {
	t.Helper()
	for i := 0; !s.Done() || i == 0; i++ {
		if err := g.Update(); err != nil && err != ebiten.Termination {
			t.Fatal(err)
		}
		if i > 100000 {
			t.Fatal("script never ended")
		}
	}
}

func TestDamagedFileIsNeverOverwritten(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	damaged := []byte(`{"format":"smp-session","version":1,"template":"square20","impressions":[{"x_mm":NaN}]}`)
	if err := os.WriteFile(bad, damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	s := input.NewScript().Wait(1).ClickMM(geom.Point{X: 1, Y: 2}).Key(ebiten.KeyS, ebiten.KeyControl)
	g := newHeadless(t, s, bad)
	if msg, isErr := g.Message(); !isErr || !strings.Contains(msg, "bad.json") {
		t.Errorf("opening a damaged file: message %q (error %v), want an error naming bad.json", msg, isErr)
	}
	if g.SavePath() != "" {
		t.Errorf("save path is %q after a failed open, want a new file", g.SavePath())
	}
	play(t, g, s)
	got, _ := os.ReadFile(bad)
	if !bytes.Equal(got, damaged) {
		t.Error("the damaged file was overwritten")
	}
	saved := g.SavePath()
	if saved == "" || saved == bad || !strings.HasPrefix(saved, os.Getenv("SMPTRAINER_DATA")) {
		t.Fatalf("saved to %q, want a new file in the sessions folder", saved)
	}
	ss, err := session.Load(saved)
	if err != nil || len(ss.Impressions) != 1 {
		t.Fatalf("new file: %v, %v", ss, err)
	}
}

func TestOpenListAndNeedleKeys(t *testing.T) {
	s := input.NewScript().Wait(1).
		Key(ebiten.KeyDigit3).Key(ebiten.KeyBracketLeft).ClickMM(geom.Point{X: -5, Y: -5}).
		Key(ebiten.KeyS, ebiten.KeyControl). // first file: one impression
		Key(ebiten.KeyDigit1).Key(ebiten.KeyBracketRight).Key(ebiten.KeyBracketRight).Key(ebiten.KeyBracketRight).
		ClickMM(geom.Point{X: 5, Y: 5})
	g := newHeadless(t, s, "")
	play(t, g, s)
	first := g.SavePath()
	ims := g.Doc().Impressions()
	if len(ims) != 2 {
		t.Fatalf("%d impressions, want 2", len(ims))
	}
	if want := (impression.Needle{Grouping: impression.RL3, GaugeMM: 0.20}); ims[0].Needle != want {
		t.Errorf("first needle %v, want %v", ims[0].Needle, want)
	}
	if want := (impression.Needle{Grouping: impression.RL1, GaugeMM: 0.30}); ims[1].Needle != want {
		t.Errorf("second needle %v, want %v (gauge clamps at the largest)", ims[1].Needle, want)
	}
	if !g.Doc().Unsaved() {
		t.Error("a click after saving should mark the work unsaved")
	}
	// Ctrl+O lists the sessions folder; 1 opens the newest, dropping the
	// unsaved second click.
	s2 := input.NewScript().Key(ebiten.KeyO, ebiten.KeyControl).Key(ebiten.KeyDigit1)
	g.src = s2
	play(t, g, s2)
	if g.Doc().Len() != 1 || g.SavePath() != first || g.Doc().Unsaved() {
		t.Errorf("after Ctrl+O 1: %d impressions from %q (unsaved %v), want 1 from %q", g.Doc().Len(), g.SavePath(), g.Doc().Unsaved(), first)
	}
}

// waitAutosave waits for g's background autosave to finish.
func waitAutosave(t *testing.T, g *Game) {
	t.Helper()
	for range 500 {
		if g.autosaving == nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
		g.pollAutosave()
	}
	t.Fatal("the autosave never finished")
}

func TestAutosaveWritesRecoveryAndRestore(t *testing.T) {
	s := input.NewScript().Wait(1).ClickMM(geom.Point{X: 0, Y: 0}).Wait(40)
	g := newHeadless(t, s, "")
	play(t, g, s)
	waitAutosave(t, g)
	ss, err := session.Load(g.work.Path())
	if err != nil {
		t.Fatalf("recovery file: %v", err)
	}
	if len(ss.Impressions) != 1 {
		t.Errorf("recovery holds %d impressions, want 1", len(ss.Impressions))
	}
	g.Close() // as a crash would: the work is left unsaved

	// The next start (same data folder) lists it; Enter restores it as
	// unsaved work.
	s2 := input.NewScript().Key(ebiten.KeyEnter)
	g2, err := NewGame(Config{NoIntro: true, Template: "square20", Source: s2, Autosave: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer g2.Close()
	g2.w, g2.h = 800, 600
	if l, ok := scene.Find[*recoveryList](g2.scenes); !ok || len(l.items) != 1 || l.items[0].Impressions != 1 {
		t.Fatalf("start-up does not list the kept work: %+v", l)
	}
	play(t, g2, s2)
	if g2.Doc().Len() != 1 || !g2.Doc().Unsaved() || g2.SavePath() != "" {
		t.Errorf("after restoring: %d impressions, unsaved %v, save path %q; want 1, true, a new file", g2.Doc().Len(), g2.Doc().Unsaved(), g2.SavePath())
	}
	if kept, _ := g2.run.Kept(g2.work); len(kept) != 0 {
		t.Errorf("after restoring, still on offer: %+v", kept)
	}
	if _, err := session.Load(g2.work.Path()); err != nil {
		t.Errorf("the restored work has no recovery of its own: %v", err)
	}
}

// TestSaveSoonAfterAChangeLeavesNoRecovery: a save before the autosave
// delay cancels the pending autosave and leaves no recovery behind.
func TestSaveSoonAfterAChangeLeavesNoRecovery(t *testing.T) {
	s := input.NewScript().Wait(1).ClickMM(geom.Point{X: 0, Y: 0}).Wait(40).
		ClickMM(geom.Point{X: 1, Y: 0}).Key(ebiten.KeyS, ebiten.KeyControl).Wait(60)
	g := newHeadless(t, s, "")
	play(t, g, s)
	waitAutosave(t, g)
	if g.Doc().Unsaved() {
		t.Fatal("not saved")
	}
	if _, err := os.Stat(g.work.Path()); !os.IsNotExist(err) {
		t.Errorf("a recovery file is left after the save: %v", err)
	}
	g.Close()
	g2, err := NewGame(Config{Template: "square20", Source: input.NewScript(), Autosave: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer g2.Close()
	if l, ok := scene.Find[*recoveryList](g2.scenes); ok {
		t.Errorf("a clean save is followed by an offer of %+v", l.items)
	}
}

func TestTimesFollowTicks(t *testing.T) {
	s := input.NewScript().Wait(59).ClickMM(geom.Point{X: 0, Y: 0}).Wait(57).ClickMM(geom.Point{X: 1, Y: 0})
	g := newHeadless(t, s, "")
	play(t, g, s)
	ims := g.Doc().Impressions()
	// Each click releases on its third tick: ticks 61 and 121.
	if len(ims) != 2 || ims[0].TimeS != 61.0/TPS || ims[1].TimeS != 121.0/TPS {
		t.Errorf("times %v, want 61/60 s and 121/60 s", ims)
	}
}

func TestCloseAsksWhenUnsaved(t *testing.T) {
	s := input.NewScript().Wait(1).CloseWindow()
	g := newHeadless(t, s, "")
	play(t, g, s)
	if !g.quit {
		t.Fatal("closing with nothing unsaved should quit")
	}
	s = input.NewScript().Wait(1).ClickMM(geom.Point{X: 0, Y: 0}).CloseWindow()
	g = newHeadless(t, s, "")
	play(t, g, s)
	if msg, isErr := g.Message(); g.quit || !isErr || !strings.Contains(msg, "Unsaved") {
		t.Fatalf("closing unsaved work: quit %v, message %q; want a warning and no quit", g.quit, msg)
	}
	s2 := input.NewScript().Wait(5).CloseWindow()
	g.src = s2
	play(t, g, s2)
	if !g.quit {
		t.Error("a second close soon after should quit")
	}
}

func TestClickOffTheScalpPlacesNothing(t *testing.T) {
	s := input.NewScript().Wait(1).ClickMM(geom.Point{X: 40, Y: 0}).ClickMM(geom.Point{X: 9, Y: 9})
	g := newHeadless(t, s, "")
	play(t, g, s)
	if g.Doc().Len() != 1 {
		t.Errorf("%d impressions, want 1: the click 30 mm off the square places nothing", g.Doc().Len())
	}
}

func TestOpeningKeepsUnsavedWork(t *testing.T) {
	// Save one impression, add a second (unsaved), open the saved file:
	// the unsaved work goes to the recovery file and Ctrl+R swaps it back.
	s := input.NewScript().Wait(1).ClickMM(geom.Point{X: 1, Y: 1}).Key(ebiten.KeyS, ebiten.KeyControl).
		ClickMM(geom.Point{X: 2, Y: 2}).
		Key(ebiten.KeyO, ebiten.KeyControl).Key(ebiten.KeyDigit1)
	g := newHeadless(t, s, "")
	play(t, g, s)
	if g.Doc().Len() != 1 || g.Doc().Unsaved() {
		t.Fatalf("after opening the saved file: %d impressions, unsaved %v; want 1, false", g.Doc().Len(), g.Doc().Unsaved())
	}
	if msg, _ := g.Message(); !strings.Contains(msg, "Ctrl+R") {
		t.Errorf("message %q does not say the unsaved work was kept", msg)
	}
	s2 := input.NewScript().Key(ebiten.KeyR, ebiten.KeyControl)
	g.src = s2
	play(t, g, s2)
	if g.Doc().Len() != 2 || !g.Doc().Unsaved() {
		t.Errorf("after Ctrl+R: %d impressions, unsaved %v; want the 2 unsaved ones back", g.Doc().Len(), g.Doc().Unsaved())
	}
	// Ctrl+N starts empty work, keeping these two again.
	s3 := input.NewScript().Key(ebiten.KeyN, ebiten.KeyControl)
	g.src = s3
	play(t, g, s3)
	if kept, _ := g.run.Kept(g.work); g.Doc().Len() != 0 || len(kept) != 1 || kept[0].Impressions != 2 {
		t.Errorf("after Ctrl+N: %d impressions, kept %+v; want empty work and the old 2 kept", g.Doc().Len(), kept)
	}
}

// TestImpressionPastTheFileLimitRefused: at the limit the next click and
// stipple place nothing and say why, so the work can still be saved.
func TestImpressionPastTheFileLimitRefused(t *testing.T) {
	if impressionLimit != session.MaxImpressions {
		t.Fatalf("the trainer's limit %d is not the file format's %d", impressionLimit, session.MaxImpressions)
	}
	defer func(n int) { impressionLimit = n }(impressionLimit)
	impressionLimit = 3
	s := input.NewScript().Wait(1)
	for i := range 5 {
		s.ClickMM(geom.Point{X: float64(i), Y: 1})
	}
	g := newHeadless(t, s, "")
	play(t, g, s)
	if g.doc.Len() != 3 {
		t.Fatalf("%d impressions after 5 clicks, want the limit 3", g.doc.Len())
	}
	if msg, isErr := g.Message(); !isErr || !strings.Contains(msg, "most a session file can hold") {
		t.Errorf("message %q (error %v), want the limit named", msg, isErr)
	}
}

// TestUndoRedoMessagesNameTheirOwnStep: the toast after Ctrl+Z says the
// step was undone, after Ctrl+Shift+Z that it was redone; neither borrows
// the other's word.
func TestUndoRedoMessagesNameTheirOwnStep(t *testing.T) {
	var afterUndo, afterRedo string
	var g *Game
	s := input.NewScript().Wait(1).MoveToMM(geom.Point{X: 3, Y: 4}).Press(input.Left).Wait(5).Release(input.Left)
	s.Key(ebiten.KeyZ, ebiten.KeyControl).Do(func() { afterUndo = g.msg })
	s.Key(ebiten.KeyZ, ebiten.KeyControl, ebiten.KeyShift).Do(func() { afterRedo = g.msg })
	g = newHeadless(t, s, "")
	play(t, g, s)
	if !strings.HasPrefix(afterUndo, "Undone: place") {
		t.Errorf("after undo the message is %q, want \"Undone: place …\"", afterUndo)
	}
	if !strings.HasPrefix(afterRedo, "Redone: place") {
		t.Errorf("after redo the message is %q, want \"Redone: place …\"", afterRedo)
	}
}
