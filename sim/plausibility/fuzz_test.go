package plausibility

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/session"
)

// FuzzCheck builds sessions from arbitrary bytes (positions, times and
// session numbers, including NaN, infinities, huge and negative values,
// which a decoded file never holds but a caller might pass): Check must
// not panic, and every flag must be well formed.
func FuzzCheck(f *testing.F) {
	le := func(vs ...float64) []byte {
		var b []byte
		for _, v := range vs {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
		return b
	}
	f.Add(le(0, 0, 0, 1, 1, 0.5), "")
	f.Add(le(math.NaN(), 1, 2, math.Inf(1), -1, 3, 1e300, -1e300, 0), "x")
	f.Add(le(1, 1, 5, 1, 1, 4, 1, 1, 3, 2, 2, 2), "0000")
	grid := []float64{}
	for i := range 64 {
		grid = append(grid, float64(i%8), float64(i/8), float64(i)*0.5)
	}
	f.Add(le(grid...), "")
	f.Fuzz(func(t *testing.T, data []byte, hash string) {
		s := &session.Session{Template: "square20", Number: 1, ContentHash: hash}
		for len(data) >= 24 && len(s.Impressions) < 5000 {
			x := math.Float64frombits(binary.LittleEndian.Uint64(data))
			y := math.Float64frombits(binary.LittleEndian.Uint64(data[8:]))
			tm := math.Float64frombits(binary.LittleEndian.Uint64(data[16:]))
			im := impression.New(geom.Point{X: x, Y: y}, impression.DefaultNeedle, 1+int(data[0]%3), tm)
			s.Impressions = append(s.Impressions, im)
			data = data[24:]
		}
		for _, fl := range Check(s) {
			if fl.Code == "" || fl.Message == "" || (fl.Level != Note && fl.Level != Warning) || len(fl.Impressions) > MaxListed {
				t.Fatalf("malformed flag %+v", fl)
			}
			for _, i := range fl.Impressions {
				if i < 0 || i >= len(s.Impressions) {
					t.Fatalf("flag %s lists impression %d of %d", fl.Code, i, len(s.Impressions))
				}
			}
		}
	})
}
