package colour

import (
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/lucasb-eyer/go-colorful"
)

// sharmaPair is one row of the Sharma, Wu & Dalal (2005) test data.
type sharmaPair struct {
	lab1, lab2 [3]float64
	want       float64
}

func loadSharma(t testing.TB) []sharmaPair {
	t.Helper()
	const path = "testdata/ciede2000_sharma2005.csv"
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []sharmaPair
	for i, row := range rows[1:] {
		if len(row) != 7 {
			t.Fatalf("%s: row %d: %d fields, want 7", path, i+2, len(row))
		}
		var v [7]float64
		for j, s := range row {
			if v[j], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatalf("%s: row %d field %d: %v", path, i+2, j+1, err)
			}
		}
		out = append(out, sharmaPair{[3]float64{v[0], v[1], v[2]}, [3]float64{v[3], v[4], v[5]}, v[6]})
	}
	return out
}

func TestSharma2005(t *testing.T) {
	pairs := loadSharma(t)
	if len(pairs) != 34 {
		t.Fatalf("got %d pairs, want the 34 published", len(pairs))
	}
	for i, p := range pairs {
		a, b := p.lab1, p.lab2
		got := DeltaE00Lab(a[0], a[1], a[2], b[0], b[1], b[2])
		rev := DeltaE00Lab(b[0], b[1], b[2], a[0], a[1], a[2])
		if math.Abs(got-p.want) > 1e-4 {
			t.Errorf("pair %d: ΔE00 = %.6f, want %.4f", i+1, got, p.want)
		}
		if math.Abs(rev-p.want) > 1e-4 {
			t.Errorf("pair %d reversed: ΔE00 = %.6f, want %.4f", i+1, rev, p.want)
		}
	}
}

// TestDeltaE00ThroughColour checks the colorful.Color entry point against
// the Lab one: Lab → Color → Lab must round-trip closely enough.
func TestDeltaE00ThroughColour(t *testing.T) {
	for i, p := range loadSharma(t) {
		a := FromLab(p.lab1[0], p.lab1[1], p.lab1[2])
		b := FromLab(p.lab2[0], p.lab2[1], p.lab2[2])
		if got := DeltaE00(a, b); math.Abs(got-p.want) > 1e-4 {
			t.Errorf("pair %d via colorful.Color: ΔE00 = %.6f, want %.4f", i+1, got, p.want)
		}
		if got := DeltaE00(b, a); math.Abs(got-p.want) > 1e-4 {
			t.Errorf("pair %d reversed via colorful.Color: ΔE00 = %.6f, want %.4f", i+1, got, p.want)
		}
	}
}

// TestGoColorfulPair10 documents why DeltaE00 is our own: go-colorful's
// result, scaled ×100, agrees elsewhere but not on pair 10. If go-colorful
// is fixed, this test says so and the note in DeltaE00 can go.
func TestGoColorfulPair10(t *testing.T) {
	pairs := loadSharma(t)
	for i, p := range pairs {
		a := FromLab(p.lab1[0], p.lab1[1], p.lab1[2])
		b := FromLab(p.lab2[0], p.lab2[1], p.lab2[2])
		theirs := a.DistanceCIEDE2000(b) * 100
		ok := math.Abs(theirs-p.want) <= 1e-4
		if i+1 == 10 && ok {
			t.Logf("go-colorful now gets pair 10 right (%.4f)", theirs)
		}
		if i+1 != 10 && !ok {
			t.Errorf("pair %d: go-colorful ×100 = %.6f, want %.4f", i+1, theirs, p.want)
		}
	}
}

func randLab(r *rand.Rand) colorful.Color {
	return FromLab(r.Float64()*100, r.Float64()*200-100, r.Float64()*200-100)
}

func TestDeltaE00Properties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		a, b := randLab(r), randLab(r)
		ab, ba := DeltaE00(a, b), DeltaE00(b, a)
		if math.Abs(ab-ba) > 1e-9 {
			t.Fatalf("asymmetric: ΔE00(%v,%v) = %v but reversed %v", a, b, ab, ba)
		}
		if !(ab >= 0) {
			t.Fatalf("ΔE00(%v,%v) = %v, want ≥ 0", a, b, ab)
		}
		if z := DeltaE00(a, a); z != 0 {
			t.Fatalf("ΔE00(%v,%v) = %v, want 0", a, a, z)
		}
		if z := DeltaE76(a, a); z != 0 {
			t.Fatalf("ΔE76(%v,%v) = %v, want 0", a, a, z)
		}
	}
}

// TestDeltaE00OppositeHues exercises the 180° boundary in general, not just
// pair 10: exactly opposite chromatic colours in both orders.
func TestDeltaE00OppositeHues(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 2000; i++ {
		l := r.Float64() * 100
		a, b := r.Float64()*60-30, r.Float64()*60-30
		x := DeltaE00Lab(l, a, b, l, -a, -b)
		y := DeltaE00Lab(l, -a, -b, l, a, b)
		if math.Abs(x-y) > 1e-9 {
			t.Fatalf("opposite hues (%g,%g,%g): %v vs %v", l, a, b, x, y)
		}
	}
}

func TestDeltaE76(t *testing.T) {
	a, b := FromLab(50, 0, 0), FromLab(53, 4, 0)
	if got := DeltaE76(a, b); math.Abs(got-5) > 1e-9 {
		t.Errorf("ΔE76 = %v, want 5 (a 3-4-5 triangle)", got)
	}
}

func BenchmarkDeltaE00(b *testing.B) {
	x, y := FromLab(50, 2.6772, -79.7751), FromLab(50, 0, -82.7485)
	for b.Loop() {
		DeltaE00(x, y)
	}
}

func BenchmarkDeltaE00Lab(b *testing.B) {
	for b.Loop() {
		DeltaE00Lab(50, 2.6772, -79.7751, 50, 0, -82.7485)
	}
}
