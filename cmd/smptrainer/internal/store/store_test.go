//go:build !js

package store

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestDataDirPrecedence(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("no file system")
	}
	t.Setenv("SMPTRAINER_DATA", "/tmp/explicit")
	t.Setenv("XDG_DATA_HOME", "/tmp/xdg")
	if d, _ := DataDir(); d != "/tmp/explicit" {
		t.Errorf("with SMPTRAINER_DATA: %q", d)
	}
	t.Setenv("SMPTRAINER_DATA", "")
	if d, _ := DataDir(); d != filepath.Join("/tmp/xdg", AppDir) {
		t.Errorf("with XDG_DATA_HOME: %q", d)
	}
	t.Setenv("XDG_DATA_HOME", "relative/ignored")
	d, err := DataDir()
	if err != nil || !filepath.IsAbs(d) || filepath.Base(d) != AppDir {
		t.Errorf("default: %q, %v", d, err)
	}
}

func TestNewSessionPathAndRecent(t *testing.T) {
	t.Setenv("SMPTRAINER_DATA", t.TempDir())
	now := time.Date(2026, 5, 1, 9, 30, 0, 0, time.UTC)
	var paths []string
	for i := range 3 {
		p, err := NewSessionPath(now) // the same second every time
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
		// Distinct modification times, oldest first.
		mt := now.Add(time.Duration(i) * time.Minute)
		if err := os.Chtimes(p, mt, mt); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	if paths[0] == paths[1] || paths[1] == paths[2] {
		t.Fatalf("names collide: %v", paths)
	}
	if filepath.Base(paths[0]) != "session-20260501-093000.json" || filepath.Base(paths[1]) != "session-20260501-093000-2.json" {
		t.Errorf("names %v", paths)
	}
	dir, _ := SessionsDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	es, err := Recent(dir, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[0].Path != paths[2] || es[1].Path != paths[1] {
		t.Errorf("recent = %v, want the two newest .json files, newest first", es)
	}
}
