package report

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/session"
)

// benchTemplate is a full-scalp template: the whole top is treated.
const benchTemplate = "norwood6"

// benchClass writes a class of n full-scalp session-2 files: five
// sim/pattern styles, each in n/5 variants (a seeded sub-millimetre jitter
// and a few dots dropped, so every file is distinct work). Generating a
// full-scalp pattern takes seconds, so the class is kept in the temp dir
// between runs.
func benchClass(b *testing.B, n int) []string {
	b.Helper()
	tp, err := scalp.Lookup(benchTemplate)
	if err != nil {
		b.Skipf("template %s not registered: %v", benchTemplate, err)
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("smpgrade-report-bench-%s-%d", benchTemplate, n))
	var files []string
	styles := []string{pattern.Expert, pattern.Random, pattern.Grid, pattern.Clumped, pattern.Hardline}
	for i := range n {
		files = append(files, filepath.Join(dir, fmt.Sprintf("trainee-%02d.json", i+1)))
	}
	if _, err := os.Stat(files[n-1]); err == nil {
		return files
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	for si, st := range styles {
		base, err := pattern.Generate(tp, st, 2, uint64(si+1))
		if err != nil {
			b.Fatal(err)
		}
		for v := si; v < n; v += len(styles) {
			r := rand.New(rand.NewPCG(uint64(v), 0x5e55))
			s := &session.Session{Template: tp.ID, Trainee: fmt.Sprintf("Trainee %02d (%s)", v+1, st), Number: 2}
			for _, im := range base {
				if r.Float64() < 0.02 {
					continue
				}
				im.Pos = im.Pos.Add(geom.Pt(r.NormFloat64()*0.05, r.NormFloat64()*0.05))
				s.Impressions = append(s.Impressions, im)
			}
			if err := session.Save(files[v], s); err != nil {
				b.Fatal(err)
			}
		}
	}
	return files
}

// BenchmarkReport30 writes the report of a class of 30 full-scalp
// sessions, the expert example included.
func BenchmarkReport30(b *testing.B) {
	files := benchClass(b, 30)
	b.ResetTimer()
	for i := range b.N {
		out := filepath.Join(b.TempDir(), fmt.Sprint(i))
		res, err := Write(out, files, Options{})
		if err != nil || res.Reported != len(files) {
			b.Fatalf("%+v %v", res, err)
		}
	}
}
