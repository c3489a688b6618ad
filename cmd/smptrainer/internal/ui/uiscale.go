package ui

// The projector-friendly large UI (issue 5): Ctrl+= and Ctrl+− step the
// size of the UI's text and panels (never the chart, which stays at true
// scale), Ctrl+0 resets it. The choice is kept in the data folder's
// settings.json, written atomically.

import (
	"errors"
	"math"
	"slices"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/store"
)

// UIScale returns the UI size factor.
func (g *Game) UIScale() float64 { return max(1, g.uiScale) }

// stepUIScale moves to the next larger (+1) or smaller (−1) UI size, or
// back to normal (0), and remembers it.
func (g *Game) stepUIScale(dir int) {
	i := slices.Index(store.UIScales, g.UIScale())
	switch {
	case dir == 0 || i < 0:
		i = 0
	default:
		i = max(0, min(len(store.UIScales)-1, i+dir))
	}
	g.uiScale = store.UIScales[i]
	if g.settingsBroken {
		g.info("UI size ×%g (not remembered: the settings file is damaged; delete it to remember sizes)", g.uiScale)
		return
	}
	if err := g.saveSettings(); err != nil && !errors.Is(err, store.ErrNoFiles) {
		g.error("UI size ×%g, but it could not be remembered: %v", g.uiScale, err)
		return
	}
	g.info("UI size ×%g · Ctrl+= larger, Ctrl+− smaller, Ctrl+0 normal", g.uiScale)
}

// saveSettings writes what the settings file keeps: the UI size and the
// name the trainee typed (never one from -trainee, which is for one run).
func (g *Game) saveSettings() error {
	return store.SaveSettings(store.Settings{UIScale: g.uiScale, Trainee: g.keptTrainee})
}

// dev returns a length in logical pixels as device pixels, without the
// UI size: for things that must not grow with it (the export's card).
func (g *Game) dev(px float64) float64 { return px * math.Max(1, g.dsf) }
