package input

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadReplay feeds recordings, seeded with the README screenshot
// scripts, to ReadReplay: it must never panic, a refusal must name the file,
// and an accepted recording must play to its end and then quit.
func FuzzReadReplay(f *testing.F) {
	scripts, _ := filepath.Glob("../../../../../assets/screenshots/scripts/*.jsonl")
	for _, p := range scripts {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"x":1,"y":2,"repeat":3}` + "\n" + `{"keys":["S"],"down":["S"]}`))
	f.Add([]byte(`{"repeat":-1}`))
	f.Add([]byte("{\"x\":1e999}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rp, err := ReadReplay(bytes.NewReader(data), "fuzz.jsonl")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.jsonl: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		// Bounded play: a long repeat is legal, so stop after a while.
		for tick := range 10_000 {
			if rp.Next(tick, nil).Quit {
				return
			}
		}
	})
}
