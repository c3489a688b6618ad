package mapping

import (
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/geom"
)

// FuzzGrade moves the reference design's points and line by fuzzed
// offsets: whatever a valid design looks like, Grade must not panic and
// must give finite scores in 0–100 with a feedback sentence.
func FuzzGrade(f *testing.F) {
	f.Add(0.0, 0.0, 0.0, 0.0, 0.0, uint8(0))
	f.Add(0.0, -20.0, 5.0, 30.0, -10.0, uint8(3))
	f.Add(40.0, 40.0, -40.0, -40.0, 0.0, uint8(200))
	f.Add(0.0, 0.0, 0.0, 0.0, 1e-9, uint8(1))
	cs := []string{"c03", "c10", "c01"}
	f.Fuzz(func(t *testing.T, dmx, dmy, dfx, dfy, dt float64, pick uint8) {
		for _, v := range []float64{dmx, dmy, dfx, dfy, dt} {
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 200 {
				return
			}
		}
		c, err := client.Lookup(cs[int(pick)%len(cs)])
		if err != nil {
			t.Fatal(err)
		}
		d := c.Design()
		d.MFP = d.MFP.Add(geom.Pt(dmx, dmy))
		d.FTPLeft = d.FTPLeft.Add(geom.Pt(dfx, dfy))
		d.TPRight = d.TPRight.Add(geom.Pt(dt, -dt))
		if pick%2 == 1 {
			d.LAPLeft, d.LAPRight = nil, nil
			d.Line = design.Smooth([]geom.Point{d.TPLeft, d.FTPLeft, d.MFP, d.FTPRight, d.TPRight}, int(pick%16)+1)
		}
		if f, _ := d.Check(c.Head()); f != "" {
			return // the session reader refuses it before grading
		}
		cr := Grade(c, &d)
		if !(cr.Score >= 0 && cr.Score <= 100) || cr.Feedback == "" || math.IsNaN(cr.Value) {
			t.Fatalf("score %v value %v feedback %q", cr.Score, cr.Value, cr.Feedback)
		}
		for _, p := range cr.Parts {
			if !(p.Score >= 0 && p.Score <= 100) || math.IsNaN(p.Value) || math.IsInf(p.Value, 0) {
				t.Fatalf("part %+v", p)
			}
		}
	})
}
