package score

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
)

// FuzzGrade feeds arbitrary impressions (positions, sizes, depths and mixes from
// raw bytes, NaN and infinities included) to Grade and to a Live built up
// and torn down dot by dot: never a panic, always a JSON-safe report with
// scores in 0–100.
func FuzzGrade(f *testing.F) {
	f.Add([]byte{}, uint8(1))
	f.Add(make([]byte, 17*40), uint8(3))
	b := make([]byte, 0, 17*8)
	for _, v := range []float64{0, 1, -5, 1e300, math.NaN(), math.Inf(1), 3.25, 0.25} {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(-v))
		b = append(b, byte(len(b)))
	}
	f.Add(b, uint8(2))
	tp := twoZoneTemplate()
	tp.Skin, tp.HairColour = "#a07e56", "#2a1f17" // so colour is fuzzed too
	f.Fuzz(func(t *testing.T, data []byte, sess uint8) {
		var ims []impression.Impression
		for len(data) >= 17 && len(ims) < 2000 {
			x := math.Float64frombits(binary.LittleEndian.Uint64(data))
			y := math.Float64frombits(binary.LittleEndian.Uint64(data[8:]))
			k := data[16]
			data = data[17:]
			// Keep most finite values on the chart so the criteria engage.
			if !math.IsNaN(x) && !math.IsInf(x, 0) && k&1 == 0 {
				x = math.Mod(x, 40)
				y = math.Mod(y, 40)
			}
			im := impression.New(geom.Pt(x, y), impression.DefaultNeedle, 1, 0)
			im.Depth = []impression.Depth{impression.Target, impression.Deep, impression.Shallow, "?"}[k>>1&3]
			if k&8 != 0 {
				im.DiameterMM = float64(k) / 50
			}
			if k&16 != 0 {
				im.Pigment, im.Dilution = "smp-light", float64(k>>5)*x // unknown-looking dilutions, NaN and ∞ included
			}
			ims = append(ims, im)
		}
		check := func(r *Report) {
			if _, err := json.Marshal(r); err != nil {
				t.Fatalf("report does not encode: %v", err)
			}
			for _, c := range r.Criteria {
				if !(c.Score >= 0 && c.Score <= 100) || c.Feedback == "" {
					t.Fatalf("%s: score %v feedback %q", c.ID, c.Score, c.Feedback)
				}
			}
		}
		check(Grade(tp, ims, int(sess%5), nil))
		l := NewGrader(tp).NewLive(nil, int(sess%5), nil)
		for _, im := range ims {
			l.Add(im)
		}
		check(l.Report())
		for i := range ims {
			if i%2 == 0 {
				l.Remove(i)
			}
		}
		check(l.Report())
	})
}
