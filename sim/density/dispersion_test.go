package density

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestEvenFano: a quarter of the mean where a window holds a few dots or
// more, rising as a minimum spacing's rim effect where it holds one or
// two, and never above a Poisson count's 1.
func TestEvenFano(t *testing.T) {
	if got := EvenFano(30); got != noiseFano {
		t.Errorf("EvenFano(30) = %.3f, want %.2f", got, noiseFano)
	}
	prev := 2.0
	for _, mu := range []float64{0.01, 0.1, 0.3, 1, 2, 3, 5, 10} {
		f := EvenFano(mu)
		if f > 1 || f < noiseFano || f > prev {
			t.Errorf("EvenFano(%g) = %.3f: want within [%.2f, 1] and not rising", mu, f, noiseFano)
		}
		prev = f
	}
	if EvenFano(0) != 1 || EvenFano(math.NaN()) != 1 {
		t.Error("EvenFano of no window: want Poisson's 1")
	}
}

// windows feeds d n windows of radius 4.5 mm, one per cell of 20 mm²,
// each expecting mu dots, whose counts count(i) gives.
func windows(n int, mu float64, count func(i int) int) Dispersion {
	var d Dispersion
	for i := range n {
		d.Add(count(i), mu, 20, 4.5)
	}
	return d
}

// TestDispersionSpread, against counts made here: counts of exactly the
// expected number, and counts that vary as even work's may (a binomial
// count, variance a sixth of the mean), show no spread; counts whose expected
// number itself is half and one and a half times the level, in equal
// shares, show about ±50% less the margin; too few windows are not
// judged.
func TestDispersionSpread(t *testing.T) {
	const mu = 5.0
	if s := windows(400, mu, func(int) int { return 5 }).Spread(); s != 0 {
		t.Errorf("exact counts: spread %.3f, want 0", s)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	binom := func(n int, p float64) int {
		k := 0
		for range n {
			if rnd.Float64() < p {
				k++
			}
		}
		return k
	}
	// Binomial(6, 5/6): mean 5, variance 5/6, a Fano factor of 1/6, as
	// steady as blue noise's count.
	if s := windows(400, mu, func(int) int { return binom(6, 5.0/6) }).Spread(); s != 0 {
		t.Errorf("counts with a sixth of the mean as variance: spread %.3f, want 0", s)
	}
	patchy := windows(400, mu, func(i int) int {
		if i%2 == 0 {
			return binom(5, 2.5/5) // half the level
		}
		return binom(9, 7.5/9) // one and a half times
	})
	if s := patchy.Spread(); s < 0.4 || s > 0.55 {
		t.Errorf("thin and crowded windows at 0.5× and 1.5×: spread %.3f, want about 0.5", s)
	}
	if s := windows(2, mu, func(i int) int { return 10 * (i % 2) }).Spread(); s != 0 {
		t.Errorf("two windows: spread %.3f, want 0 (too few to judge)", s)
	}
}

// TestWithinShare: the share within ±Tol of a normal spread: all of it
// with no spread, about 68% at a spread of Tol itself.
func TestWithinShare(t *testing.T) {
	if WithinShare(0) != 1 {
		t.Errorf("WithinShare(0) = %.3f, want 1", WithinShare(0))
	}
	if got := WithinShare(Tol); math.Abs(got-0.6827) > 0.001 {
		t.Errorf("WithinShare(Tol) = %.4f, want 0.6827", got)
	}
}

// TestFound: no spread finds nothing; with spread, a window's departure
// is shrunk more where it holds fewer dots (more of it is counting
// noise), keeps its sign, and windows whose expected density itself
// spreads by σ (drawn here, Poisson counts about it) are found beyond
// ±Tol in about the share WithinShare leaves.
func TestFound(t *testing.T) {
	if f := Found(20, 10, 0, 0); f != 0 {
		t.Errorf("no spread: found %.3f, want 0", f)
	}
	few, many := Found(4, 2, 0.3, 0), Found(200, 100, 0.3, 0)
	if !(few > 0 && many > few && many < 1) {
		t.Errorf("twice the level: found %.3f at 2 dots, %.3f at 100; want 0 < few < many < 1", few, many)
	}
	if f := Found(0, 10, 0.3, 0); !(f < 0) {
		t.Errorf("an empty window: found %.3f, want below 0", f)
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	poisson := func(mu float64) int {
		k, p, u := 0, math.Exp(-mu), rnd.Float64()
		for s := p; u > s; s += p {
			k++
			p *= mu / float64(k)
		}
		return k
	}
	const sigma, mu, n = 0.35, 12.0, 4000
	var d Dispersion
	counts, exp := make([]int, n), make([]float64, n)
	for i := range counts {
		lam := mu * math.Max(0, 1+sigma*rnd.NormFloat64())
		counts[i], exp[i] = poisson(lam), mu
		d.Add(counts[i], mu, 20, 4.5)
	}
	s := d.Spread()
	off := 0
	for i := range counts {
		if math.Abs(Found(counts[i], exp[i], s, 0)) > Tol {
			off++
		}
	}
	if got, want := float64(off)/n, 1-WithinShare(s); math.Abs(got-want) > 0.06 {
		t.Errorf("spread %.3f (laid %.2f): %.2f of windows found off, want about %.2f", s, sigma, got, want)
	}
}

// TestFoundBand agrees with Found: a window's count is found beyond ±Tol
// exactly where its density lies outside the band; no spread bounds
// nothing.
func TestFoundBand(t *testing.T) {
	const level, mu = 20.0, 8.0
	for _, spread := range []float64{0.15, 0.3, 0.6} {
		b := FoundBand(level, mu, spread, 0)
		for count := range 40 {
			d := float64(count) / mu * level // the window's density, per cm²
			off := math.Abs(Found(count, mu, spread, 0)) > Tol
			if out := d < b.Min || d > b.Max; out != off {
				t.Errorf("spread %.2f, %d dots (%.1f/cm², band %.2f–%.2f): outside %v, found off %v", spread, count, d, b.Min, b.Max, out, off)
			}
		}
	}
	if b := FoundBand(level, mu, 0, 0); b.Min != 0 || !math.IsInf(b.Max, 1) {
		t.Errorf("no spread: band %+v, want everything", b)
	}
}

// TestPatternFano: even work's noise at blue noise's ratio and above, a
// Poisson count's at random work's 2/3 and below, rising between.
func TestPatternFano(t *testing.T) {
	const mu = 10.0
	if PatternFano(mu, 0.9) != EvenFano(mu) || PatternFano(mu, 0) != EvenFano(mu) {
		t.Error("at blue noise's ratio, or unmeasured: want EvenFano")
	}
	if PatternFano(mu, 2.0/3) != 1 || PatternFano(mu, 0.5) != 1 {
		t.Error("at random work's 2/3 and below: want a Poisson count's 1")
	}
	if f := PatternFano(mu, 0.75); !(f > EvenFano(mu) && f < 1) {
		t.Errorf("between: %.3f, want between %.3f and 1", f, EvenFano(mu))
	}
}

// TestNNRatioAgainstTheory: uniform random points (drawn here) give the
// plane's mean of 2/3; a hexagonal lattice jittered by a tenth of its
// spacing is near 1; dots whose second neighbour lies past the zone's
// edge, and too few dots, are not measured.
func TestNNRatioAgainstTheory(t *testing.T) {
	rnd := rand.New(rand.NewPCG(8, 9))
	measure := func(pts [][2]float64) float64 {
		var r NNRatio
		for i, p := range pts {
			d1, d2 := math.Inf(1), math.Inf(1)
			for j, q := range pts {
				if j == i {
					continue
				}
				d := math.Hypot(p[0]-q[0], p[1]-q[1])
				if d < d1 {
					d1, d2 = d, d1
				} else if d < d2 {
					d2 = d
				}
			}
			// The field is 100 mm square: a dot is clear of its edge
			// where its second neighbour lies nearer than the edge.
			edge := math.Min(math.Min(p[0], 100-p[0]), math.Min(p[1], 100-p[1]))
			r.Add(d1, d2, d2 <= edge)
		}
		return r.Mean()
	}
	var random [][2]float64
	for range 3000 {
		random = append(random, [2]float64{100 * rnd.Float64(), 100 * rnd.Float64()})
	}
	if m := measure(random); math.Abs(m-2.0/3) > 0.02 {
		t.Errorf("uniform random points: mean ratio %.3f, want 2/3", m)
	}
	var lattice [][2]float64
	const s = 2.0
	for row, y := 0, 1.0; y < 99; row, y = row+1, y+s*math.Sqrt(3)/2 {
		for x := 1 + float64(row%2)*s/2; x < 99; x += s {
			lattice = append(lattice, [2]float64{x + 0.1*s*(rnd.Float64()-0.5), y + 0.1*s*(rnd.Float64()-0.5)})
		}
	}
	if m := measure(lattice); !(m > 0.9) {
		t.Errorf("jittered lattice: mean ratio %.3f, want near 1", m)
	}
	if m := measure(random[:10]); m != 0 {
		t.Errorf("ten dots: mean ratio %.3f, want 0 (unmeasured)", m)
	}
}
