package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// Run opens the trainer window and runs it until the window closes or the
// input source quits. It must be called from the main goroutine.
func Run(cfg Config) error {
	g, err := NewGame(cfg)
	if err != nil {
		return err
	}
	return RunGame(g)
}

// RunGame runs a prepared game (tests prepare theirs to keep a handle).
func RunGame(g *Game) error { return runGameTPS(g, TPS) }

func runGameTPS(g *Game, tps int) error {
	w, h := g.cfg.WindowW, g.cfg.WindowH
	if w <= 0 || h <= 0 {
		w, h = 1280, 800
	}
	ebiten.SetWindowSize(w, h)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	title := g.cfg.Title
	if title == "" {
		title = "SMP trainer"
		if g.ex != nil {
			title += " — " + g.ex.Title
		}
	}
	ebiten.SetWindowTitle(title)
	// The game decides when a close request closes: unsaved work asks
	// first.
	ebiten.SetWindowClosingHandled(true)
	ebiten.SetTPS(tps)
	// Draw only when something changed (redraw.go): the last frame stays
	// on the screen.
	ebiten.SetScreenClearedEveryFrame(false)
	ebiten.SetRunnableOnUnfocused(true)
	// Only the real devices can wake a game in the minimum-update mode: a
	// script or a replay (and the benchmark) keep the full pace.
	_, devices := g.src.(*input.Ebiten)
	g.windowed = tps == TPS && devices
	return ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{X11ClassName: "smptrainer", X11InstanceName: "smptrainer"})
}
