package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"

	"github.com/smptrainer/smp/sim/name"
	"github.com/smptrainer/smp/sim/session"
)

// UIScales are the UI sizes the trainer offers (Ctrl+= and Ctrl+− step
// through them): normal, and larger ones for a projector at the back of a
// classroom (presentation choices). A settings file holds one of them.
var UIScales = []float64{1, 1.25, 1.5, 2}

// SettingsFile is the name of the settings file in the data folder.
const SettingsFile = "settings.json"

// Settings is settings.json's contents.
type Settings struct {
	// Version is the file's format version, SettingsVersion when written;
	// a file without one is version 1.
	Version int `json:"version,omitempty"`
	// UIScale is the UI size, one of UIScales.
	UIScale float64 `json:"ui_scale"`
	// Trainee is the trainee's name, asked on the first run and written
	// into every saved session; "" when not given yet.
	Trainee string `json:"trainee,omitempty"`
}

// SettingsVersion is the settings file format this trainer writes and the
// newest it reads.
const SettingsVersion = 1

// DefaultSettings are the settings when there is no settings file.
func DefaultSettings() Settings { return Settings{UIScale: 1} }

// LoadSettings reads the settings file. A missing file gives the defaults
// and no error; a damaged one gives the defaults and an error naming the
// file and the problem.
func LoadSettings() (Settings, error) {
	b, p, err := readKept(SettingsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return DefaultSettings(), nil
	}
	if err != nil {
		return DefaultSettings(), err
	}
	return decodeSettings(b, p)
}

// decodeSettings parses a settings file's bytes; path names it in errors.
// A damaged file gives the defaults and the error.
func decodeSettings(b []byte, path string) (Settings, error) {
	var s Settings
	if err := json.Unmarshal(b, &s); err != nil {
		return DefaultSettings(), fmt.Errorf("%s: %v", path, err)
	}
	if s.Version > SettingsVersion {
		return DefaultSettings(), fmt.Errorf("%s: version %d is newer than this trainer reads (%d): update the trainer", path, s.Version, SettingsVersion)
	}
	if !slices.Contains(UIScales, s.UIScale) {
		return DefaultSettings(), fmt.Errorf("%s: ui_scale: %v is not one of %v", path, s.UIScale, UIScales)
	}
	if p := name.Problem(s.Trainee); p != "" {
		return DefaultSettings(), fmt.Errorf("%s: trainee: %q %s", path, name.Clean(s.Trainee), p)
	}
	if len(s.Trainee) > session.MaxTextBytes {
		return DefaultSettings(), fmt.Errorf("%s: trainee: %d bytes long, more than the %d a session file allows", path, len(s.Trainee), session.MaxTextBytes)
	}
	return s, nil
}

// SaveSettings writes the settings file atomically.
func SaveSettings(s Settings) error {
	s.Version = SettingsVersion
	return writeKept(SettingsFile, s)
}
