package cli

import (
	"fmt"
	"io"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/session"
)

// classSize is the class the issue sets the speed target for: "grading a
// class of 30 full-scalp sessions takes well under a few seconds".
const classSize = 30

// benchJitterMM is how far each trainee's copy of the expert work moves
// each dot (uniform in ±benchJitterMM on each axis): enough that no two
// files are alike, small against the ~1 mm spacing of finished work
// (domain.md §2), so every file stays a full, plausible session 3
// (model assumption, for the benchmark only).
const benchJitterMM = 0.15

// writeClass writes classSize full-scalp session-3 files into dir: the
// expert pattern on template id, one generation (it takes seconds), then a
// seeded jitter per trainee.
func writeClass(b *testing.B, dir, id string) (impressions int) {
	b.Helper()
	t, err := scalp.Lookup(id)
	if err != nil {
		b.Fatal(err)
	}
	base, err := pattern.Generate(t, "expert", 3, 1)
	if err != nil {
		b.Fatal(err)
	}
	for k := range classSize {
		rng := rand.New(rand.NewPCG(uint64(k), 0x5eed))
		ims := slices.Clone(base)
		for i := range ims {
			ims[i].Pos = ims[i].Pos.Add(geom.Point{
				X: (2*rng.Float64() - 1) * benchJitterMM,
				Y: (2*rng.Float64() - 1) * benchJitterMM,
			})
		}
		s := &session.Session{Template: id, Number: 3, Trainee: fmt.Sprintf("Trainee %02d", k+1), Impressions: ims}
		if err := session.Save(filepath.Join(dir, fmt.Sprintf("t%02d.json", k+1)), s); err != nil {
			b.Fatal(err)
		}
	}
	return len(base)
}

// BenchmarkScoreClass grades a class of 30 full-scalp (Norwood VII,
// session 3, about 25,000 impressions each) files through the command
// line, as an instructor would: "smpgrade score --json CLASSDIR".
func BenchmarkScoreClass(b *testing.B) {
	dir := b.TempDir()
	n := writeClass(b, dir, "norwood7")
	for _, mode := range []string{"--json", "--csv"} {
		b.Run(mode[2:], func(b *testing.B) {
			cpu0, cpuOK := cpuTime()
			for b.Loop() {
				if code := Main([]string{"score", mode, dir}, io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
			// CPU time per class too: on the shared test machine the wall
			// time mostly measures the other jobs.
			if cpu1, ok := cpuTime(); ok && cpuOK {
				b.ReportMetric(float64((cpu1-cpu0).Milliseconds())/float64(b.N), "cpu-ms/class")
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*classSize), "ms/file")
			b.ReportMetric(float64(n), "impressions/file")
		})
	}
}
