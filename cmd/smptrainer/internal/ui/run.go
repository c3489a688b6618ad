package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
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
	return ebiten.RunGameWithOptions(g, &ebiten.RunGameOptions{X11ClassName: "smptrainer", X11InstanceName: "smptrainer"})
}
