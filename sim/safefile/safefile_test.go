package safefile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestRefusesWhatIsNotAKeptFile: every hostile stand-in for a kept file
// gets one line naming the file and the problem, at once (a FIFO with no
// writer must not block), and a regular file within the limit is read.
func TestRefusesWhatIsNotAKeptFile(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.json")
	if err := os.WriteFile(ok, []byte(`{"a":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, make([]byte, 2048), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{ // path → words the error must hold
		filepath.Join(dir, "missing.json"): "does not exist",
		dir:                                "folder",
		big:                                "more than",
	}
	if runtime.GOOS != "windows" && runtime.GOOS != "js" {
		fifo := filepath.Join(dir, "fifo.json")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Fatal(err)
		}
		cases[fifo] = "named pipe"
		zero := filepath.Join(dir, "zero.json")
		if err := os.Symlink("/dev/zero", zero); err != nil {
			t.Fatal(err)
		}
		cases[zero] = "device"
	}
	for p, want := range cases {
		_, err := ReadFile(p, 1024)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), p+": ") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want one line naming it and saying %q", filepath.Base(p), err, want)
		}
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.json"), 1024); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file's error %v does not match fs.ErrNotExist", err)
	}
	if b, err := ReadFile(ok, 1024); err != nil || string(b) != `{"a":1}` {
		t.Errorf("regular file: %q, %v", b, err)
	}
}
