// Package store is the trainer's only door to the files it keeps: session
// files (listed for the Open dialog), the recovery files autosave writes
// (one per piece of work, in DataDir()/recovery: recovery.go), the
// progress marks (progress.json) and the settings (settings.json). The UI
// asks store for them and never touches those files itself. Every file is
// read through package safefile: regular files of bounded size only, each
// problem one line naming the file.
//
// Sessions live in DataDir()/sessions, named by the time they were first
// saved (session-20260102-150405.json). DataDir is, in order:
//
//   - $SMPTRAINER_DATA when set (tests and portable installs);
//   - $XDG_DATA_HOME/smptrainer when XDG_DATA_HOME is set;
//   - ~/.local/share/smptrainer on Linux and the BSDs (the XDG default);
//   - os.UserConfigDir()/smptrainer elsewhere: %AppData%\smptrainer on
//     Windows, ~/Library/Application Support/smptrainer on macOS, which
//     are those systems' places for per-user application data.
//
// The browser build has no file system: every function returns an error
// there, and the trainer says so instead of saving.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// AppDir is the folder name under the user's data directory.
const AppDir = "smptrainer"

// ErrNoFiles is returned where the platform has no file system (js/wasm).
var ErrNoFiles = errors.New("this build has no file system (browser): saving and opening files is not available")

// DataDir returns the trainer's per-user data folder (not created).
func DataDir() (string, error) {
	if runtime.GOOS == "js" {
		return "", ErrNoFiles
	}
	if d := os.Getenv("SMPTRAINER_DATA"); d != "" {
		return d, nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, AppDir), nil
	}
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "android", "plan9":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("no user data directory: %w", err)
		}
		return filepath.Join(d, AppDir), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no home directory for the data folder: %w", err)
	}
	return filepath.Join(home, ".local", "share", AppDir), nil
}

// SessionsDir returns DataDir()/sessions, creating it.
func SessionsDir() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	d = filepath.Join(d, "sessions")
	if err := os.MkdirAll(d, 0o755); err != nil {
		return "", fmt.Errorf("creating the sessions folder: %w", err)
	}
	return d, nil
}

// NewSessionPath returns a fresh timestamped path in the sessions folder;
// a second save in the same second gets a -2, -3… suffix.
func NewSessionPath(now time.Time) (string, error) { return NewNamedSessionPath("session", now) }

// NewNamedSessionPath is NewSessionPath with the file name starting with
// prefix (a file-name-safe word such as "ana-square-even-s1") instead of
// "session": prefix-20260102-150405.json.
func NewNamedSessionPath(prefix string, now time.Time) (string, error) {
	d, err := SessionsDir()
	if err != nil {
		return "", err
	}
	base := prefix + "-" + now.Format("20060102-150405")
	p := filepath.Join(d, base+".json")
	for i := 2; ; i++ {
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
		p = filepath.Join(d, fmt.Sprintf("%s-%d.json", base, i))
	}
}

// Entry is one session file.
type Entry struct {
	Path    string
	ModTime time.Time
	Size    int64
}

// Recent returns up to n session files in dir, newest first.
func Recent(dir string, n int) ([]Entry, error) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, de := range des {
		if de.IsDir() || !strings.HasSuffix(de.Name(), ".json") {
			continue
		}
		fi, err := de.Info()
		if err != nil {
			continue
		}
		out = append(out, Entry{Path: filepath.Join(dir, de.Name()), ModTime: fi.ModTime(), Size: fi.Size()})
	}
	slices.SortFunc(out, func(a, b Entry) int {
		if c := b.ModTime.Compare(a.ModTime); c != 0 {
			return c
		}
		return strings.Compare(b.Path, a.Path)
	})
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}
