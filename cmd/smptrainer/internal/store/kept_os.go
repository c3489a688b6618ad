//go:build !js

package store

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"

	"github.com/smptrainer/smp/sim/atomicfile"
	"github.com/smptrainer/smp/sim/safefile"
)

// readKept reads one of the trainer's own files (settings.json,
// progress.json) from the data folder, strictly (safefile), and returns
// its path for messages. A missing file wraps fs.ErrNotExist.
func readKept(name string) ([]byte, string, error) {
	d, err := DataDir()
	if err != nil {
		return nil, name, err
	}
	p := filepath.Join(d, name)
	b, err := safefile.ReadFile(p, maxKeptBytes)
	return b, p, err
}

// writeKept writes v as indented JSON to the data folder's file name
// atomically, creating the folder.
func writeKept(name string, v any) error {
	d, err := DataDir()
	if err != nil {
		return err
	}
	path := filepath.Join(d, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		e := json.NewEncoder(w)
		e.SetIndent("", "  ")
		return e.Encode(v)
	})
}
