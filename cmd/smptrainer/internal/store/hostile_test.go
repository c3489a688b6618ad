//go:build unix

package store

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// hostile puts each kind of hostile file in path's place, one at a time,
// and calls check with what it should say.
func hostile(t *testing.T, path string, check func(t *testing.T, kind, want string)) {
	t.Helper()
	kinds := []struct {
		kind, want string
		make       func() error
	}{
		{"link to /dev/zero", "device", func() error { return os.Symlink("/dev/zero", path) }},
		{"FIFO", "named pipe", func() error { return syscall.Mkfifo(path, 0o644) }},
		{"folder", "folder", func() error { return os.Mkdir(path, 0o755) }},
		{"garbage", "invalid character", func() error { return os.WriteFile(path, []byte("\x00\x01garbage{"), 0o644) }},
		{"future version", "newer than this trainer reads", func() error {
			return os.WriteFile(path, []byte(`{"version": 99, "ui_scale": 1, "best": {}}`), 0o644)
		}},
	}
	for _, k := range kinds {
		os.RemoveAll(path)
		if err := k.make(); err != nil {
			t.Fatal(err)
		}
		check(t, k.kind, k.want)
	}
	os.RemoveAll(path)
}

// TestHostileKeptFiles: a settings or progress file that is a device, a
// FIFO, a folder, garbage or from a future trainer gets one line naming it
// and the problem, the defaults are used, and the file is left alone.
func TestHostileKeptFiles(t *testing.T) {
	data := t.TempDir()
	t.Setenv("SMPTRAINER_DATA", data)
	sp := filepath.Join(data, SettingsFile)
	hostile(t, sp, func(t *testing.T, kind, want string) {
		s, err := LoadSettings()
		if err == nil || !strings.HasPrefix(err.Error(), sp+": ") || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("settings as %s: %v, want one line naming %s and saying %q", kind, err, sp, want)
		}
		if s != DefaultSettings() {
			t.Errorf("settings as %s gave %+v, want the defaults", kind, s)
		}
		if err := SaveSettings(Settings{UIScale: 2}); err == nil && kind != "garbage" && kind != "future version" {
			t.Errorf("settings as %s: saving over it succeeded", kind)
		}
	})
	pp := filepath.Join(data, ProgressFile)
	hostile(t, pp, func(t *testing.T, kind, want string) {
		p, err := LoadProgress()
		if err == nil || !strings.HasPrefix(err.Error(), pp+": ") || !strings.Contains(err.Error(), want) {
			t.Errorf("progress as %s: %v, want one line naming %s and saying %q", kind, err, pp, want)
		}
		if p == nil || len(p.Best) != 0 {
			t.Errorf("progress as %s gave %v", kind, p)
		}
		if _, err := RecordProgress("x", 50); err == nil {
			t.Errorf("progress as %s was recorded over", kind)
		}
	})
}
