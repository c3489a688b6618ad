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
	if f := Found(20, 10, 0); f != 0 {
		t.Errorf("no spread: found %.3f, want 0", f)
	}
	few, many := Found(4, 2, 0.3), Found(200, 100, 0.3)
	if !(few > 0 && many > few && many < 1) {
		t.Errorf("twice the level: found %.3f at 2 dots, %.3f at 100; want 0 < few < many < 1", few, many)
	}
	if f := Found(0, 10, 0.3); !(f < 0) {
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
		if math.Abs(Found(counts[i], exp[i], s)) > Tol {
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
		b := FoundBand(level, mu, spread)
		for count := range 40 {
			d := float64(count) / mu * level // the window's density, per cm²
			off := math.Abs(Found(count, mu, spread)) > Tol
			if out := d < b.Min || d > b.Max; out != off {
				t.Errorf("spread %.2f, %d dots (%.1f/cm², band %.2f–%.2f): outside %v, found off %v", spread, count, d, b.Min, b.Max, out, off)
			}
		}
	}
	if b := FoundBand(level, mu, 0); b.Min != 0 || !math.IsInf(b.Max, 1) {
		t.Errorf("no spread: band %+v, want everything", b)
	}
}
