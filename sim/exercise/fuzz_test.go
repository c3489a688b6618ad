package exercise

import (
	"io/fs"
	"math"
	"strings"
	"testing"

	"github.com/smptrainer/smp/assets"
)

// FuzzDecode feeds exercise files, seeded with every shipped one, to Decode:
// it must never panic, every refusal must name the file, and anything it
// accepts must be an exercise the trainer can run.
func FuzzDecode(f *testing.F) {
	names, _ := fs.Glob(assets.FS, Dir+"/*.json")
	for _, n := range names {
		data, err := fs.ReadFile(assets.FS, n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"id":"x","order":1,"title":"t","brief":"b","template":"square20","session":4,"weights":{"density":1}}`))
	f.Add([]byte(`{"weights":{"density":1e999}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Decode(data, "fuzz.json")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if e.ID == "" || e.Session < 1 || e.Session > 3 {
			t.Fatalf("accepted an exercise the trainer cannot run: %+v", e)
		}
		if e.TotalWeight() <= 0 || math.IsInf(e.TotalWeight(), 0) || math.IsNaN(e.TotalWeight()) {
			t.Fatalf("accepted weights %v", e.Weights)
		}
		for id, w := range e.Weights {
			if w < 0 || math.IsNaN(w) {
				t.Fatalf("accepted weight %s = %v", id, w)
			}
		}
	})
}
