//go:build unix

package main

// Hostile files in the data folder, on the real binary. Unix only: it
// makes a FIFO (syscall.Mkfifo), which js/wasm and Windows lack, so
// "GOOS=js go vet" stays clean.

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestHostileDataFolderFiles: each hostile file in the data folder's place
// of settings.json, progress.json or a recovery file gets its one line
// and the trainer starts (and quits at the end of its script).
func TestHostileDataFolderFiles(t *testing.T) {
	trainer(t)
	t.Parallel() // separate data folders; much of each is waiting for an autosave
	hostile := []struct {
		name string
		make func(p string) error
	}{
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }},
		{"FIFO", func(p string) error { return syscall.Mkfifo(p, 0o644) }},
		{"directory", func(p string) error { return os.Mkdir(p, 0o755) }},
		{"garbage", func(p string) error { return os.WriteFile(p, []byte("\x00garbage{{"), 0o644) }},
		{"future version", func(p string) error {
			return os.WriteFile(p, []byte(`{"format":"smp-session","version":99,"template":"square20","ui_scale":1,"best":{},"version_note":"x"}`), 0o644)
		}},
	}
	files := []string{"settings.json", "progress.json", "recovery/20200101T000000-1-abcdef-1.json", "recovery.json"}
	for _, h := range hostile {
		data := filepath.Join(t.TempDir(), "data")
		if err := os.MkdirAll(filepath.Join(data, "recovery"), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := h.make(filepath.Join(data, f)); err != nil {
				t.Fatal(err)
			}
		}
		// A FIFO named on the command line must not hang the start either.
		arg := filepath.Join(data, "cmdline.json")
		if err := h.make(arg); err != nil {
			t.Fatal(err)
		}
		r := start(t, data, []scriptLine{idle(60)}, arg)
		r.finish(t)
		if h.name == "directory" || h.name == "FIFO" || h.name == "link to /dev/zero" {
			for _, f := range []string{"settings.json", "progress.json"} {
				if fi, err := os.Lstat(filepath.Join(data, f)); err != nil || fi.Mode().IsRegular() {
					t.Errorf("%s: %s was replaced or removed (%v)", h.name, f, err)
				}
			}
		}
	}
}
