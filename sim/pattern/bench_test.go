package pattern

import (
	"testing"

	"github.com/smptrainer/smp/sim/scalp"
)

// largest returns the registered template with the most treated area (the
// most dots to place), or the synthetic head before the heads land.
func largest() *scalp.Template {
	best := synthHead()
	for _, t := range scalp.All() {
		if t.TreatedAreaCM2() > best.TreatedAreaCM2() {
			best = t
		}
	}
	return best
}

// BenchmarkExpertLargest generates the expert's finished (session 3) work
// on the largest template.
func BenchmarkExpertLargest(b *testing.B) {
	t := largest()
	var n int
	for b.Loop() {
		ims, err := Generate(t, Expert, 3, 1)
		if err != nil {
			b.Fatal(err)
		}
		n = len(ims)
	}
	b.ReportMetric(float64(n), "dots")
	b.Logf("%s: %.0f cm² treated", t.ID, t.TreatedAreaCM2())
}

// BenchmarkStyles generates every style at session 2 on the synthetic head.
func BenchmarkStyles(b *testing.B) {
	t := synthHead()
	for _, st := range Styles() {
		b.Run(st, func(b *testing.B) {
			for b.Loop() {
				if _, err := Generate(t, st, 2, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
