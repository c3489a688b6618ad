package score

import (
	"fmt"
	"math"
	"strings"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/palette"
	"github.com/smptrainer/smp/sim/shade"
)

// Colour scale (model assumption, anchored on the just-noticeable
// difference of about 1 ΔE00, domain.md §7). Within shade.MatchJND (2 JND)
// of the target the healed shade differs only side by side: full marks.
// colourZeroSpan JND further it reads as plainly another colour (a shade
// or two of the dilution ladder off): zero. The span is 8 JND, so the
// default 100-at-2, 0-at-10 scale. The palette cannot always reach the
// target (its best mix sits 4–12 ΔE00 from some hair targets), and no
// trainee can beat the palette, so the full-marks point moves out to the
// best mix the shade advisor finds plus colourBestSlack JND: choosing that
// mix earns full marks whatever the palette's limits.
const (
	colourZeroSpan  = 8.0 // JND from the full-marks point to zero
	colourBestSlack = 1.0 // JND allowed over the palette's best mix (needle, depth and skin mixing move it a little)
)

// IDColour is the colour criterion's id.
const IDColour = "colour"

// colourPrep is a template's skin and hair target, parsed once.
type colourPrep struct {
	skin, hair colorful.Color
	best       shade.Option // the shade advisor's best mix
	full       float64      // ΔE00 at and below which the score is full
}

func buildColourPrep(skinS, hairS string) *colourPrep {
	if skinS == "" || hairS == "" {
		return nil
	}
	skin, err1 := colour.Parse(skinS)
	hair, err2 := colour.Parse(hairS)
	if err1 != nil || err2 != nil {
		return nil
	}
	cp := &colourPrep{skin: skin.Clamped(), hair: hair, full: shade.MatchJND * colour.JND}
	if opts := shade.Advise(cp.skin, hair); len(opts) > 0 {
		cp.best = opts[0]
		cp.full = math.Max(cp.full, opts[0].DeltaE+colourBestSlack*colour.JND)
	}
	return cp
}

// mixKey is a pigment at a dilution: what the trainee chooses.
type mixKey struct {
	pigment  string
	dilution float64
}

// lookKey is everything a healed dot's colour depends on apart from the
// skin, except for dots that vary per dot (appearance.VariesPerDot).
type lookKey struct {
	mix   mixKey
	diam  float64
	group impression.Grouping
	gauge float64
	depth impression.Depth
}

// colourAgg sums the healed dots in linear light, weighted by their healed
// area, as shade.Assess averages them (the eye integrates the light of the
// dots from a normal viewing distance). Dots that look alike share one
// entry of looks, so a dot costs an int32 and a removal takes exactly its
// share back out.
type colourAgg struct {
	sum   [4]float64 // Σ a·R, Σ a·G, Σ a·B, Σ a (linear RGB)
	dot   []int32    // per dot: index into looks, -1 when not filed
	looks []look
	ids   map[lookKey]int32
	last  lookKey // the previous cached key and its look: runs of dots share one
	lastI int32
	mixes []mixKey
	mixN  []int // live dots per mix
	mixID map[mixKey]int32
}

// look is one healed look: its area-weighted linear colour and its mix.
type look struct {
	v   [4]float64
	mix int32
}

// lookOf returns the index of dot im's look on the skin, computing it the
// first time a key is seen.
func (c *colourAgg) lookOf(im impression.Impression, skin colorful.Color) int32 {
	k := lookKey{mixKey{im.Pigment, im.Dilution}, im.DiameterMM, im.Needle.Grouping, im.Needle.GaugeMM, im.Depth}
	// Shallow dots heal one lighter than the next, and a NaN never matches
	// a cached key: neither is cached (each gets a look of its own).
	vary := appearance.VariesPerDot(im) || math.IsNaN(im.DiameterMM) || math.IsNaN(im.Dilution) || math.IsNaN(im.Needle.GaugeMM)
	if !vary {
		if c.lastI >= 0 && k == c.last {
			return c.lastI
		}
		if id, ok := c.ids[k]; ok {
			c.last, c.lastI = k, id
			return id
		}
	}
	lk := appearance.Dot(im, skin, appearance.Healed)
	a := lk.DiameterMM * lk.DiameterMM
	if !(a > 0) || math.IsInf(a, 0) {
		a = 1 // as shade.Assess
	}
	r, g, b := lk.Colour.LinearRgb()
	id := int32(len(c.looks))
	c.looks = append(c.looks, look{[4]float64{a * r, a * g, a * b, a}, c.mixOf(k.mix)})
	if !vary {
		if c.ids == nil {
			c.ids = map[lookKey]int32{}
		}
		c.ids[k] = id
		c.last, c.lastI = k, id
	}
	return id
}

// mixOf returns the index of mix m, filing it the first time.
func (c *colourAgg) mixOf(m mixKey) int32 {
	if c.mixID == nil {
		c.mixID = map[mixKey]int32{}
	}
	id, ok := c.mixID[m]
	if !ok {
		id = int32(len(c.mixes))
		c.mixID[m] = id
		c.mixes = append(c.mixes, m)
		c.mixN = append(c.mixN, 0)
	}
	return id
}

func mixLess(a, b mixKey) bool {
	if a.pigment != b.pigment {
		return a.pigment < b.pigment
	}
	return a.dilution < b.dilution
}

// grow makes room for dot ids up to i (dead dots keep an empty slot).
func (c *colourAgg) grow(i int32) {
	for int(i) >= len(c.dot) {
		c.dot = append(c.dot, -1)
	}
}

// add files live dot i.
func (c *colourAgg) add(i int32, im impression.Impression, skin colorful.Color) {
	c.grow(i)
	id := c.lookOf(im, skin)
	c.dot[i] = id
	lk := &c.looks[id]
	for k := range lk.v {
		c.sum[k] += lk.v[k]
	}
	c.mixN[lk.mix]++
}

// remove takes dot i out.
func (c *colourAgg) remove(i int32) {
	if int(i) >= len(c.dot) || c.dot[i] < 0 {
		return
	}
	lk := &c.looks[c.dot[i]]
	for k := range lk.v {
		c.sum[k] -= lk.v[k]
	}
	c.mixN[lk.mix]--
	c.dot[i] = -1
}

// initColour files every live dot.
func (s *state) initColour(ims []impression.Impression) {
	cp := s.p.colour
	if cp == nil {
		return
	}
	s.col = &colourAgg{dot: make([]int32, 0, len(ims)), lastI: -1}
	for i, im := range ims {
		if s.alive[i] {
			s.col.add(int32(i), im, cp.skin)
		} else {
			s.col.grow(int32(i))
		}
	}
}

// colour grades the healed shade against the client's hair (domain.md §7):
// the ΔE00 between the area-weighted mean of the healed dots on the skin
// and the hair target, the measure of shade.Assess. Not applicable without
// a skin and hair target or without dots.
func (s *state) colour() (Criterion, bool) {
	cp, ca := s.p.colour, s.col
	if cp == nil || ca == nil || s.n == 0 || !(ca.sum[3] > 0) {
		return Criterion{}, false
	}
	w := ca.sum[3]
	seen := colorful.LinearRgb(ca.sum[0]/w, ca.sum[1]/w, ca.sum[2]/w)
	de := colour.DeltaE00(seen, cp.hair)
	c := Criterion{ID: IDColour, Name: "Colour", Unit: "ΔE00", Value: de}
	c.Target = fmt.Sprintf("≤ %g ΔE00", shade.MatchJND*colour.JND)
	if cp.full > shade.MatchJND*colour.JND {
		c.Target += fmt.Sprintf(" (the palette's best, %s %s, reaches %.1f)", cp.best.PigmentName, cp.best.DilutionLabel, cp.best.DeltaE)
	}
	c.Score = ramp(de, cp.full+colourZeroSpan*colour.JND, cp.full)
	c.Feedback = s.colourFeedback(seen, de)
	return c, true
}

// colourFeedback says in words which way the shade is off and what to
// change, in shade.Assess's words (shade.AssessMean on the mean and the
// main mix, the most used), so the scorer and the shade panel say the
// same. Two cases are the scorer's own: a shade as close as the palette
// gets earns no advice, and when one dot of the main mix alone would
// match, the advice is to use it for every dot (other mixes pull the mean
// off).
func (s *state) colourFeedback(seen colorful.Color, de float64) string {
	cp, ca := s.p.colour, s.col
	if de <= cp.full {
		name := shade.SkinName(cp.skin)
		if de <= shade.MatchJND*colour.JND {
			return fmt.Sprintf("Healed shade matches the target within %.1f ΔE00 on %s skin.", de, name)
		}
		return fmt.Sprintf("Healed shade reads %.1f ΔE00 from the target on %s skin, as close as the palette gets; keep this mix.", de, name)
	}
	top := -1
	for id, m := range ca.mixes {
		if ca.mixN[id] <= 0 {
			continue
		}
		// Ties go to the smaller pigment id and dilution, so the advice does
		// not depend on the order of the impressions.
		if top < 0 || ca.mixN[id] > ca.mixN[top] || (ca.mixN[id] == ca.mixN[top] && mixLess(m, ca.mixes[top])) {
			top = id
		}
	}
	var advice string
	switch {
	case top < 0:
		advice = fmt.Sprintf("try %s %s", cp.best.PigmentName, cp.best.DilutionLabel)
	case mainMixMatches(ca.mixes[top], cp):
		m := ca.mixes[top]
		advice = fmt.Sprintf("use %s %s for every dot", m.pigment, palette.DilutionLabel(m.dilution))
	default:
		m := ca.mixes[top]
		_, fb := shade.AssessMean(seen, m.pigment, m.dilution, cp.skin, cp.hair)
		return sentence(fb)
	}
	return sentence(fmt.Sprintf("healed shade reads %.1f ΔE00 %s for %s skin; %s", de, shade.Direction(seen, cp.hair), shade.SkinName(cp.skin), advice))
}

// mainMixMatches reports whether one healed dot of mix m alone would match
// the hair target (within shade.MatchJND).
func mainMixMatches(m mixKey, cp *colourPrep) bool {
	probe := impression.Impression{Pigment: m.pigment, Dilution: m.dilution, DiameterMM: 0.5}
	alone := appearance.Dot(probe, cp.skin, appearance.Healed).Colour
	return colour.DeltaE00(alone, cp.hair) <= shade.MatchJND*colour.JND
}

// sentence makes one of shade's feedback clauses a report sentence:
// capitalised, with a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:] + "."
}
