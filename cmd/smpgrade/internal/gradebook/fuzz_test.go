package gradebook

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/name"
)

// FuzzRecord records attempts with arbitrary names, paths and scores: the
// gradebook must refuse what it cannot store (with an error, not a panic)
// and read back exactly what it stored, and History must hold for any
// trainee string. The seed corpus runs in plain go test.
func FuzzRecord(f *testing.F) {
	f.Add("ann", "hairline-1", "class/ann.json", "aa", 61.5, 70.0)
	f.Add("", "", "", "", 0.0, 0.0)
	f.Add("  ", "x", "y", "z", 1.0, 1.0)
	f.Add("Zoë Ñúñez-O'Brien", "ex\x00ercise", "dir/with\nnewline.json", "'; DROP TABLE attempt; --", -5.0, 1e308)
	f.Add("\xff\xfe invalid utf-8", "%_", "C:\\class\\ann.json", strings.Repeat("h", 64), math.NaN(), math.Inf(1))
	f.Add("a\x00b", "\u202eevil", "../../etc/passwd", "x", -0.0, 100.0)
	f.Add("robert'); --", "%", "_", "*", 1e-300, -1e-300)
	path := filepath.Join(f.TempDir(), "fuzz.gradebook")
	b, err := Open(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { b.Close() })
	f.Fuzz(func(t *testing.T, trainee, exercise, file, hash string, overall, crit float64) {
		a := Attempt{Trainee: trainee, Exercise: exercise, Template: "square20", Session: 1,
			Overall: overall, Criteria: []Score{{ID: exercise, Name: file, Score: crit}},
			File: file, FileSHA256: hash, Flags: []Flag{{Code: hash, Level: "note", Message: file}}}
		id, added, err := b.Record(&a)
		inRange := overall >= 0 && overall <= 100 && crit >= 0 && crit <= 100
		if err != nil {
			if strings.TrimSpace(trainee) != "" && name.Problem(trainee) == "" && inRange && len(trainee) <= maxText && len(file) <= maxText && len(hash) <= maxText {
				t.Fatalf("refused a storable attempt: %v", err)
			}
			if _, err := b.History(trainee); err != nil {
				t.Fatalf("history after a refused record: %v", err)
			}
			return
		}
		id2, again, err := b.Record(&a)
		if err != nil || again || id2 != id {
			t.Fatalf("second record: id %d (first %d), added %v, %v", id2, id, again, err)
		}
		h, err := b.History(trainee)
		if err != nil {
			t.Fatal(err)
		}
		var got *Attempt
		for i := range h.Attempts {
			if h.Attempts[i].ID == id {
				got = &h.Attempts[i]
			}
			if h.Attempts[i].Trainee != trainee {
				t.Fatalf("history of %q holds %q", trainee, h.Attempts[i].Trainee)
			}
		}
		if got == nil {
			t.Fatalf("attempt %d of %q not in its history", id, trainee)
		}
		if !added {
			return // an earlier input had this trainee and hash: kept as it was
		}
		if got.Exercise != exercise || got.File != file || got.FileSHA256 != hash || got.Overall != overall ||
			len(got.Criteria) != 1 || got.Criteria[0].Score != crit || got.Criteria[0].ID != exercise ||
			len(got.Flags) != 1 || got.Flags[0].Message != file {
			t.Fatalf("read back %+v, stored %+v", *got, a)
		}
		for _, tr := range h.Trends {
			if math.IsNaN(tr.Mean) || (tr.PerWeek != nil && math.IsNaN(*tr.PerWeek)) {
				t.Fatalf("trend %+v", tr)
			}
		}
	})
}
