//go:build !js

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

// Folders reports whether the platform has folders the trainer can list
// and write sessions to (the desktop), or saves by download and opens
// through the browser's file chooser (the browser edition).
const Folders = true

// Where says where a session saved to path is, for messages: the path;
// "" is a new file in the sessions folder.
func Where(path string) string {
	if path == "" {
		return "the sessions folder"
	}
	return path
}

// DataDir returns the trainer's per-user data folder (not created).
func DataDir() (string, error) {
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
