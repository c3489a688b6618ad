package viewer

import (
	"math"
	"sync"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/colour"
)

// Marks is a population of like marks scattered over the skin: dots of one
// look, or the stubble of one hair colour.
type Marks struct {
	// DiameterMM is each mark's diameter on the scalp.
	DiameterMM float64
	// Colour is one mark as seen on the skin (appearance.Dot's Look,
	// appearance.HairOnSkin).
	Colour colorful.Color
	// PerCM2 is how many marks a square centimetre holds.
	PerCM2 float64
}

// areaShare is the share of the skin the marks cover, ignoring overlaps
// (a few per cent at SMP densities).
func (m Marks) areaShare() float64 {
	return m.PerCM2 / 100 * math.Pi * m.DiameterMM * m.DiameterMM / 4
}

// Patch is an area of skin with marks scattered over it at random.
type Patch struct {
	Skin  colorful.Color
	Marks []Marks
}

// Mean is the patch's area colour: the skin and the marks mixed in linear
// light by the area each covers (domain.md §9). Blurring never changes it.
func (p Patch) Mean() colorful.Color {
	sr, sg, sb := p.Skin.Clamped().LinearRgb()
	r, g, b := sr, sg, sb
	for _, m := range p.Marks {
		w := m.areaShare()
		mr, mg, mb := m.Colour.Clamped().LinearRgb()
		r += w * (mr - sr)
		g += w * (mg - sg)
		b += w * (mb - sb)
	}
	return colorful.LinearRgb(r, g, b).Clamped()
}

// luminance is the relative luminance Y (0..1) of a colour.
func luminance(c colorful.Color) float64 {
	r, g, b := c.Clamped().LinearRgb()
	return 0.2126*r + 0.7152*g + 0.0722*b
}

// Texture is the light–dark texture left of the patch seen from distanceM:
// the standard deviation of L* over the eye-blurred area (S-CIELAB's
// luminance filter). It is computed by Campbell's theorem for marks
// scattered independently at random: the variance of the blurred
// luminance is the sum over marks of density × ∫ (contrast × disc ⊛
// filter)², taken in the frequency domain. The actual arrangement, even or
// clumped, is the pattern criteria's business, not the shade's.
func (p Patch) Texture(distanceM float64) float64 {
	ys := luminance(p.Skin)
	var v float64
	for _, m := range p.Marks {
		if !(m.PerCM2 > 0 && m.DiameterMM > 0) {
			continue
		}
		d := ys - luminance(m.Colour)
		v += m.PerCM2 / 100 * d * d * discEnergy(m.DiameterMM, distanceM)
	}
	return lStarSlope(luminance(p.Mean())) * math.Sqrt(v)
}

// lStarSlope is dL*/dY at luminance y (0..1): how far L* moves for a small
// change of luminance there.
func lStarSlope(y float64) float64 {
	const eps = 216.0 / 24389 // CIE: below it L* is linear in Y
	if y <= eps {
		return 24389.0 / 27
	}
	return 116 / (3 * math.Cbrt(y*y))
}

// energies memoises discEnergy: the scorer and the advice ask for the same
// few diameters and distances over and over (work with shallow dots has a
// look per dot, but few sizes).
var energies struct {
	sync.Mutex
	m map[[2]float64]float64
}

// maxEnergies bounds the memo; past it the memo starts again.
const maxEnergies = 4096

// discEnergy is discEnergyAt, memoised.
func discEnergy(d, distanceM float64) float64 {
	k := [2]float64{d, distanceM}
	energies.Lock()
	e, ok := energies.m[k]
	energies.Unlock()
	if ok {
		return e
	}
	e = discEnergyAt(d, distanceM)
	energies.Lock()
	if energies.m == nil || len(energies.m) >= maxEnergies {
		energies.m = map[[2]float64]float64{}
	}
	energies.m[k] = e
	energies.Unlock()
	return e
}

// discEnergyAt is ∫∫ (disc ⊛ lum)² over the plane, mm², for a disc of unit
// contrast and diameter d: by Parseval, ∫ 2πf |D̂(f)|² |H(f)|² df with
// D̂(f) = area × 2 J1(πdf) / (πdf), the disc's Fourier transform, and H the
// luminance filter's response.
func discEnergyAt(d, distanceM float64) float64 {
	area := math.Pi * d * d / 4
	// Integrate until the narrowest lobe of the filter has passed below
	// 1e-9 of its peak; the broad lobes matter only near f = 0, so the
	// steps are fine there and coarser above.
	smin := lumFilter[0].sigmaMM(distanceM)
	fmax := math.Sqrt(math.Log(1e9)/2) / (math.Pi * smin)
	const n = 4000
	// f = fmax·u², u uniform: dense at low frequencies, where the broad
	// negative lobe acts.
	var sum float64
	for i := 0; i <= n; i++ {
		u := float64(i) / n
		f := fmax * u * u
		df := 2 * fmax * u // df/du
		x := math.Pi * d * f
		jinc := 1.0
		if x > 1e-9 {
			jinc = 2 * math.J1(x) / x
		}
		h := lumFilter.mtf(f, distanceM)
		w := 1.0
		if i == 0 || i == n {
			w = 0.5
		}
		sum += w * 2 * math.Pi * f * area * area * jinc * jinc * h * h * df
	}
	return sum / n
}

// Seen is how an area of work compares with its reference, seen from a
// distance.
type Seen struct {
	// AreaDE is ΔE00 between the two areas' average colours.
	AreaDE float64
	// TextureRatio is the work's light–dark texture over the reference's:
	// 1 reads alike, above 1 busier and darker-speckled, below 1 fainter.
	TextureRatio float64
	// Texture and RefTexture are the two textures, in L* (standard
	// deviation over the blurred area).
	Texture, RefTexture float64
}

// Compare judges work against ref, both seen from distanceM.
func Compare(work, ref Patch, distanceM float64) Seen {
	s := Seen{AreaDE: colour.DeltaE00(work.Mean(), ref.Mean()),
		Texture: work.Texture(distanceM), RefTexture: ref.Texture(distanceM)}
	switch {
	case s.RefTexture > 0:
		s.TextureRatio = s.Texture / s.RefTexture
	case s.Texture > 0:
		s.TextureRatio = math.Inf(1)
	default:
		s.TextureRatio = 1
	}
	return s
}
