package ui

// The projector-friendly large UI (issue 5): Ctrl+= and Ctrl+− step the
// size of the UI's text and panels (never the chart, which stays at true
// scale), Ctrl+0 resets it. The choice is kept in the data folder's
// settings.json, written atomically.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/store"
	"github.com/smptrainer/smp/sim/atomicfile"
)

// UIScales are the sizes Ctrl+= and Ctrl+− step through: normal, and
// larger ones for a projector at the back of a classroom (presentation
// choices).
var UIScales = []float64{1, 1.25, 1.5, 2}

// settingsFile is the name of the settings file in the data folder.
const settingsFile = "settings.json"

// settings is settings.json's contents.
type settings struct {
	// UIScale is the UI size, one of UIScales.
	UIScale float64 `json:"ui_scale"`
}

// settingsPath returns DataDir()/settings.json.
func settingsPath() (string, error) {
	d, err := store.DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, settingsFile), nil
}

// loadSettings reads the settings file. A missing file gives the defaults
// and no error; a damaged one gives the defaults and an error naming the
// file and the problem.
func loadSettings() (settings, error) {
	def := settings{UIScale: 1}
	p, err := settingsPath()
	if err != nil {
		return def, nil // no file system (browser): defaults
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return def, nil
	}
	if err != nil {
		return def, err
	}
	return decodeSettings(b, p)
}

// decodeSettings parses a settings file's bytes; path names it in errors.
// A damaged file gives the defaults and the error.
func decodeSettings(b []byte, path string) (settings, error) {
	def := settings{UIScale: 1}
	var s settings
	if err := json.Unmarshal(b, &s); err != nil {
		return def, fmt.Errorf("%s: %v", path, err)
	}
	if !slices.Contains(UIScales, s.UIScale) {
		return def, fmt.Errorf("%s: ui_scale: %v is not one of %v", path, s.UIScale, UIScales)
	}
	return s, nil
}

// saveSettings writes the settings file atomically.
func saveSettings(s settings) error {
	p, err := settingsPath()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return atomicfile.Write(p, func(w io.Writer) error {
		e := json.NewEncoder(w)
		e.SetIndent("", "  ")
		return e.Encode(s)
	})
}

// UIScale returns the UI size factor.
func (g *Game) UIScale() float64 { return max(1, g.uiScale) }

// stepUIScale moves to the next larger (+1) or smaller (−1) UI size, or
// back to normal (0), and remembers it.
func (g *Game) stepUIScale(dir int) {
	i := slices.Index(UIScales, g.UIScale())
	switch {
	case dir == 0 || i < 0:
		i = 0
	default:
		i = max(0, min(len(UIScales)-1, i+dir))
	}
	g.uiScale = UIScales[i]
	g.helpScroll = 0
	if g.settingsBroken {
		g.info("UI size ×%g (not remembered: the settings file is damaged; delete it to remember sizes)", g.uiScale)
		return
	}
	if err := saveSettings(settings{UIScale: g.uiScale}); err != nil && !errors.Is(err, store.ErrNoFiles) {
		g.error("UI size ×%g, but it could not be remembered: %v", g.uiScale, err)
		return
	}
	g.info("UI size ×%g · Ctrl+= larger, Ctrl+− smaller, Ctrl+0 normal", g.uiScale)
}

// dev returns a length in logical pixels as device pixels, without the
// UI size: for things that must not grow with it (the export's card).
func (g *Game) dev(px float64) float64 { return px * math.Max(1, g.dsf) }
