//go:build !js

package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProgressMarks(t *testing.T) {
	t.Setenv("SMPTRAINER_DATA", t.TempDir())
	if better, err := RecordProgress("a", 40); !better || err != nil {
		t.Fatalf("first mark: %v, %v", better, err)
	}
	if better, _ := RecordProgress("a", 30); better {
		t.Error("a lower score replaced the best")
	}
	if better, _ := RecordProgress("a", 55.5); !better {
		t.Error("a higher score was not kept")
	}
	p, err := LoadProgress()
	if err != nil || p.Best["a"] != 55.5 {
		t.Fatalf("progress %v, %v; want a: 55.5", p, err)
	}
	// A damaged file is an error naming it, and is not overwritten.
	path := filepath.Join(os.Getenv("SMPTRAINER_DATA"), ProgressFile)
	bad := []byte(`{"best": {"a": "x"}}`)
	os.WriteFile(path, bad, 0o644)
	if _, err := LoadProgress(); err == nil || !strings.Contains(err.Error(), ProgressFile) {
		t.Errorf("damaged progress: %v, want an error naming %s", err, ProgressFile)
	}
	if _, err := RecordProgress("a", 90); err == nil {
		t.Error("recording over a damaged file should fail")
	}
	if got, _ := os.ReadFile(path); string(got) != string(bad) {
		t.Error("the damaged progress file was overwritten")
	}
}
