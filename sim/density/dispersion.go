package density

import (
	"math"

	"github.com/smptrainer/smp/sim/scalp"
)

// Model assumptions of the dispersion test.
const (
	// dispersionZ is how many standard errors of even work's estimate a
	// zone's excess spread must clear before any of it counts as
	// patchiness. The standard error assumes one independent window per
	// window area and Gaussian counts; on blue-noise work that overstates
	// the estimate's seed-to-seed spread about twice (measured on the
	// outside examiner's expert work: 0.003–0.08 against 0.03–0.13
	// predicted), so one is about two true spreads.
	dispersionZ = 1.0
	// minDispersionWindows is the fewest independent windows (zone area
	// over window area) a zone needs for its spread to be judged: fewer
	// counts vary too much among themselves, and too unevenly, for the
	// standard error above (in Ludwig II's 5 cm² forelock, 8 windows of
	// 4.5 mm, 1 of 40 seeds of even blue noise read a ±21% spread; its 16
	// finer windows none).
	minDispersionWindows = 10.0
)

// The pattern's own counting noise (PatternFano), model assumptions.
const (
	// poissonNNRatio is the mean ratio of a dot's nearest-neighbour
	// distance to its second-nearest in uniform random work: exactly 2/3
	// (in the plane the ratio's distribution function is x²).
	poissonNNRatio = 2.0 / 3
	// evenNNRatio is that mean in even-but-random work, at which a
	// window's count varies as EvenFano allows (model assumption): the
	// outside examiner's expert blue noise (its own dart throwing)
	// measures 0.88–0.91 in every zone of every template in sessions 1
	// and 3, dots nearer a zone's edge than their second neighbour left
	// out, and the same work in thin and crowded 9 mm spots 0.84–0.90;
	// its random work 0.60–0.73. 0.85 lies below even work by about its
	// spread from zone to zone.
	evenNNRatio = 0.85
)

// PatternFano returns the Fano factor of the count, in a window expected
// to hold mu impressions, of work whose dots' mean ratio of nearest to
// second-nearest neighbour distance is ratio: even work's EvenFano at
// blue noise's ratio and above, a Poisson count's 1 at random work's 2/3
// and below, linear between (model assumption). The ratio takes no
// notice of the density's level, so thin and crowded spots side by side
// leave it where the pattern's own regularity puts it, while random
// placement (Clark–Evans R near 1, the uniformity criterion's fault)
// brings it to 2/3: the dispersion test then takes a random pattern's
// Poisson counting noise as noise, not as thin and crowded spots. Where
// ratio is not positive (unmeasured) it is EvenFano.
func PatternFano(mu, ratio float64) float64 {
	f := EvenFano(mu)
	if EvenNoise(ratio) {
		return f
	}
	t := math.Min(1, (evenNNRatio-ratio)/(evenNNRatio-poissonNNRatio))
	return f + (1-f)*t
}

// EvenNoise reports whether work whose nearest-neighbour ratio is ratio
// counts with even work's noise, PatternFano being EvenFano at every mu:
// work as regular as blue noise, or the ratio unmeasured (not positive).
// A dispersion test of such work gives what it gives with NNRatio 0.
func EvenNoise(ratio float64) bool { return !(ratio > 0) || ratio >= evenNNRatio }

// FineWindowScale is the radius of the dispersion test's finer windows
// as a share of the density map's (model assumption): half the area, so a
// 9 mm patch fills a window rather than straddling it, and twice as many
// windows add up its excess.
const FineWindowScale = 1 / math.Sqrt2

// NeedsFine reports whether a zone of kind k whose band is b, with
// windows of radius rMM, holds so few dots a window at its band's middle
// that their own counting noise exceeds the tolerance (Tolerance): there
// the dispersion test also looks through windows FineWindowScale as wide,
// and a zone's spread is the larger the two sets find. A transition zone
// is tested for spread about its own ramp through the map's windows only:
// half-area windows would show the micro-irregularity §5 asks for along
// its front (denser and sparser spots a few mm apart), which 9 mm windows
// average away.
func NeedsFine(b scalp.DensityBand, k scalp.ZoneKind, rMM float64) bool {
	return k != scalp.Transition && Tolerance(b.Mid()*math.Pi*rMM*rMM/100) > Tol
}

// Dispersion tests whether a zone's density varies from spot to spot
// more than the counting noise of even work explains: the index of
// dispersion of its windows' counts (variance over mean, domain.md §4's
// local density map), against even work's Fano factor (EvenFano) in
// place of a Poisson count's 1.
//
// A single window of sparse work cannot tell a thin spot from chance: at
// 3–5 dots its tolerance widens to ±45–60% (Tolerance). The zone's
// windows together can: even work's counts vary no more than EvenFano
// allows, while thin and crowded spots side by side add the spread of the
// density itself, which the test estimates with the noise taken off. So
// the test tells patches from noise where single windows cannot, and even
// work, however sparse, shows no excess (blue noise's counts vary less
// than EvenFano; a Poisson count's would not, which the uniformity
// criterion calls random work).
//
// The zero value is ready to use for work as regular as blue noise; set
// NNRatio first for other work, then Add each window of one zone.
type Dispersion struct {
	// NNRatio is the work's mean ratio of nearest to second-nearest
	// neighbour distance in the zone: its windows' counting noise is
	// PatternFano's; 0 takes even work's (EvenFano).
	NNRatio float64

	w, excess, noise, mm float64
	win                  float64 // a whole window's area, mm²

	// The last window's PatternFano and Found's shrink, remembered: a
	// zone's windows wholly inside it all expect the same count, so a
	// zone of thousands of windows works them out a few times, not once
	// a window.
	fanoMu, fanoRatio, fanoF float64
	fanoOK                   bool
	kMu, kSpread, kRatio, k  float64
	kOK                      bool
}

// fano returns PatternFano(mu, d.NNRatio), remembered for the last mu.
func (d *Dispersion) fano(mu float64) float64 {
	if d.fanoOK && mu == d.fanoMu && d.NNRatio == d.fanoRatio {
		return d.fanoF // small enough to inline: most windows stop here
	}
	return d.setFano(mu)
}

// setFano works PatternFano(mu, d.NNRatio) out and remembers it.
//
//go:noinline
func (d *Dispersion) setFano(mu float64) float64 {
	d.fanoMu, d.fanoRatio, d.fanoF, d.fanoOK = mu, d.NNRatio, PatternFano(mu, d.NNRatio), true
	return d.fanoF
}

// Add counts one window: count impressions of the zone where even work at
// the zone's own level would put expected, and weight, the share of the
// zone's area the window stands for (its map cell's area, mm²).
// radiusMM is the window's radius on the skin.
func (d *Dispersion) Add(count int, expected, weight, radiusMM float64) {
	if !(expected > 0) || !(weight > 0) {
		return
	}
	f := d.fano(expected)
	dev := float64(count) - expected
	d.w += weight
	d.excess += weight * (dev*dev - f*expected)
	// A Gaussian count's squared deviation varies by 2σ⁴; the σ² term
	// keeps a count of a dot or two, nearly Poisson, from looking steady.
	d.noise += weight * (2*f*f*expected*expected + f*expected)
	d.mm += weight * expected * expected
	d.win = math.Pi * radiusMM * radiusMM
}

// Spread returns the relative spread (one standard deviation, 0.25 for
// ±25%) of the zone's density from window to window beyond the counting
// noise of even work, less dispersionZ standard errors of even work's
// estimate: 0 for work whose counts vary no more than even work's may,
// and for a zone with too few windows to judge.
func (d Dispersion) Spread() float64 {
	if !(d.mm > 0) || d.w < minDispersionWindows*d.win {
		return 0
	}
	// Each window overlaps its neighbours: the windows hold about
	// w / win independent counts, each standing for win of the weight.
	se := math.Sqrt(d.win * d.noise)
	v := (d.excess - dispersionZ*se) / d.mm
	if !(v > 0) {
		return 0
	}
	return math.Sqrt(v)
}

// WithinShare returns the share of a zone's area whose density lies
// within ±Tol of its level when its windows' densities spread by spread
// (Spread) about it, normally (model assumption): the same measure as
// the share of windows on target, with the counting noise taken off.
// 1 for no spread.
func WithinShare(spread float64) float64 {
	if !(spread > 0) {
		return 1
	}
	return math.Erf(Tol / (spread * math.Sqrt2))
}

// Found returns how far a window's density departs from what its zone's
// level (or ramp, Ramp) puts there, as the zone's spread finds it: the
// window's own departure, count/expected − 1, shrunk by the share of it
// that the density's spread (spread, the zone's Spread) rather than the
// work's counting noise accounts for, √(σ² / (σ² + F/μ)), F the
// PatternFano of the zone's nnRatio (Dispersion.NNRatio). So it
// is 0 in a zone whose windows vary no more than even work's, and where
// the zone shows spread it points at the windows that depart most; the
// shrunk departures spread as much as the density itself does, so the
// share of windows beyond ±Tol is about 1 − WithinShare(spread), the
// share the score counts off (model assumption: the constrained Bayes
// estimate of normally spread window densities). Where expected is not
// positive it is 0.
func Found(count int, expected, spread, nnRatio float64) float64 {
	if !(expected > 0) || !(spread > 0) {
		return 0
	}
	return (float64(count)/expected - 1) * foundShrink(expected, spread, PatternFano(expected, nnRatio))
}

// foundShrink is Found's shrink of a window's departure, for a window
// expected to hold mu impressions whose count's Fano factor is f, in a
// zone whose spread is spread.
func foundShrink(mu, spread, f float64) float64 {
	v := spread * spread
	return math.Sqrt(v / (v + f/mu))
}

// Found returns Found(count, expected, spread, d.NNRatio) for one of the
// zone's windows (spread: the zone's Spread), working out the shrink
// again only where expected or spread differs from the last window's.
func (d *Dispersion) Found(count int, expected, spread float64) float64 {
	if !(expected > 0) || !(spread > 0) {
		return 0
	}
	if !d.kOK || expected != d.kMu || spread != d.kSpread || d.NNRatio != d.kRatio {
		d.kMu, d.kSpread, d.kRatio, d.kOK = expected, spread, d.NNRatio, true
		d.k = foundShrink(expected, spread, d.fano(expected))
	}
	return (float64(count)/expected - 1) * d.k
}

// FoundBand returns the densities, per cm², that a window expected to
// hold mu impressions where its zone's level (or ramp) puts level per
// cm² may show without Found finding it beyond ±Tol in a zone whose
// spread is spread and nearest-neighbour ratio nnRatio: level·(1 ± Tol/k), k the shrink Found applies. The
// density map's colours judge with it where a zone's windows together are
// judged (one rule with the score's markers); with no spread, or no
// window, every density is within (Max +Inf).
func FoundBand(level, mu, spread, nnRatio float64) scalp.DensityBand {
	if !(mu > 0) || !(spread > 0) || !(level > 0) {
		return scalp.DensityBand{Min: 0, Max: math.Inf(1)}
	}
	w := Tol / foundShrink(mu, spread, PatternFano(mu, nnRatio))
	return scalp.DensityBand{Min: math.Max(0, level*(1-w)), Max: level * (1 + w)}
}

// minNNRatioDots is the fewest dots a zone's NNRatio needs to mean
// anything (model assumption: the ratio of one dot spreads by about 0.2,
// so 20 put the mean within about ±0.05).
const minNNRatioDots = 20

// NNRatioSample bounds the dots of a zone whose nearest-neighbour ratio
// is measured (NNRatio), taken evenly through the zone's dots: every
// max(1, n/NNRatioSample)-th of its n, the first first. 500 put the mean
// within about ±0.01 (one dot's ratio spreads by 0.1–0.2), and a zone of
// 100,000 dots costs no more. The score and the density map sample alike.
const NNRatioSample = 500

// NNRatioStep is the step through a zone's n dots that takes its
// NNRatioSample sample.
func NNRatioStep(n int) int { return max(1, n/NNRatioSample) }

// NNRatio accumulates a zone's mean ratio of each dot's nearest-neighbour
// distance to its second-nearest (both within the zone), PatternFano's
// measure of how regularly the work is laid. The zero value is ready to
// use; Add the zone's dots, or an even sample of them.
type NNRatio struct {
	sum float64
	n   int
}

// Add counts a dot whose nearest and second-nearest neighbours in its
// zone lie d1 and d2 away (skin mm), when clear: the disc of radius d2
// around it lies inside the zone. A dot nearer the zone's edge than its
// second neighbour is left out, as its neighbours beyond the edge are
// not counted and would make it read more regular than it is.
func (r *NNRatio) Add(d1, d2 float64, clear bool) {
	if !clear || !(d2 > 0) || !(d1 >= 0) || d1 > d2 || math.IsInf(d2, 0) {
		return
	}
	r.sum += d1 / d2
	r.n++
}

// Mean returns the mean ratio, or 0 (unmeasured: even work's noise is
// assumed) for fewer than minNNRatioDots dots.
func (r NNRatio) Mean() float64 {
	if r.n < minNNRatioDots {
		return 0
	}
	return r.sum / float64(r.n)
}
