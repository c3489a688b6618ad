package shade

import (
	"fmt"
	"math"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/palette"
)

// Assess judges the colour of a trainee's work for the scorer: deltaE is
// ΔE00 between the healed impressions, averaged as the eye averages them,
// and the hair target; feedback says in words which way it is off and
// what to change, such as "healed shade reads 4.2 ΔE00 too dark for MST-03
// skin; dilute one step (1:25)".
//
// The average is in linear light, weighted by each healed dot's area: from
// a normal viewing distance the eye integrates the light of the dots.
// With no impressions deltaE is 0 and feedback says nothing was judged;
// the scorer should not award colour marks for an empty chart.
func Assess(ims []impression.Impression, skin, hair colorful.Color) (deltaE float64, feedback string) {
	if len(ims) == 0 {
		return 0, "no impressions: colour not judged"
	}
	skin = skin.Clamped()
	var r, g, b, w float64
	type mix struct {
		pigment  string
		dilution float64
	}
	counts := map[mix]int{}
	for _, im := range ims {
		lk := appearance.Dot(im, skin, appearance.Healed)
		a := lk.DiameterMM * lk.DiameterMM
		if !(a > 0) || math.IsInf(a, 0) {
			a = 1
		}
		lr, lg, lb := lk.Colour.LinearRgb()
		r, g, b, w = r+a*lr, g+a*lg, b+a*lb, w+a
		counts[mix{im.Pigment, im.Dilution}]++
	}
	// The main mix: the most used, the first placed on a tie.
	var top mix
	for _, im := range ims {
		if m := (mix{im.Pigment, im.Dilution}); counts[m] > counts[top] {
			top = m
		}
	}
	return AssessMean(colorful.LinearRgb(r/w, g/w, b/w), top.pigment, top.dilution, skin, hair)
}

// AssessMean is Assess after the averaging, for callers that keep their
// own running mean of the healed dots (the scorer's incremental colour
// criterion): seen is the healed work as the eye averages it, and pigment
// at dilution is the main mix, the one the advice is about. deltaE is
// ΔE00 between seen and the hair target; feedback is Assess's sentence.
func AssessMean(seen colorful.Color, pigment string, dilution float64, skin, hair colorful.Color) (deltaE float64, feedback string) {
	skin = skin.Clamped()
	deltaE = colour.DeltaE00(seen, hair)
	name := SkinName(skin)
	if deltaE <= MatchJND*colour.JND {
		return deltaE, fmt.Sprintf("healed shade matches the target within %.1f ΔE00 on %s skin", deltaE, name)
	}
	return deltaE, fmt.Sprintf("healed shade reads %.1f ΔE00 %s for %s skin; %s", deltaE, Direction(seen, hair), name, advice(pigment, dilution, skin, hair))
}

// Direction names the way seen is off from the hair target, as Assess
// words it: "too dark" or "too light" when the L* difference is the
// dominant error, else "too blue", "too warm" or "off in hue" from the
// a*b* difference.
func Direction(seen, hair colorful.Color) string {
	deltaE := colour.DeltaE00(seen, hair)
	ls, as, bs := colour.LabOf(seen)
	lh, ah, bh := colour.LabOf(hair)
	switch dL := ls - lh; {
	case math.Abs(dL) >= lightnessShare*deltaE && dL < 0:
		return "too dark"
	case math.Abs(dL) >= lightnessShare*deltaE:
		return "too light"
	case bs-bh < 0 && math.Abs(bs-bh) >= math.Abs(as-ah):
		return "too blue"
	case bs-bh > 0 && math.Abs(bs-bh) >= math.Abs(as-ah):
		return "too warm"
	}
	return "off in hue"
}

// lightnessShare is how large the L* difference must be, as a fraction of
// ΔE00, for Assess to call a shade too dark or too light rather than off in
// hue. L* and ΔE00 are not on the same scale; half is a working rule (model
// assumption) that names the dominant error.
const lightnessShare = 0.5

// advice says what to change about the main mix: a step along its own
// ladder if that gets closer, else the best option overall.
func advice(pigmentID string, dilution float64, skin, hair colorful.Color) string {
	p, err := palette.Default()
	if err != nil {
		return "check the palette"
	}
	pg, err := p.Pigment(pigmentID)
	if err != nil {
		pg, _ = p.Pigment(impression.DefaultPigment)
	}
	opts := AdviseWith([]palette.Pigment{pg}, skin, hair)
	cur := nearestStep(pg.Dilutions, dilution)
	best := opts[0]
	bestStep := nearestStep(pg.Dilutions, best.Dilution)
	all := Advise(skin, hair)
	if len(all) > 0 && all[0].DeltaE+colour.JND < best.DeltaE {
		return fmt.Sprintf("try %s %s (%.1f ΔE00 healed)", all[0].PigmentName, all[0].DilutionLabel, all[0].DeltaE)
	}
	steps := bestStep - cur
	switch {
	case steps == 0:
		return fmt.Sprintf("%s %s is already the closest mix in the palette", pg.Name, palette.DilutionLabel(dilution))
	case steps > 0:
		return fmt.Sprintf("dilute %s (%s)", stepWords(steps), best.DilutionLabel)
	}
	return fmt.Sprintf("use less water, %s (%s)", stepWords(-steps), best.DilutionLabel)
}

func stepWords(n int) string {
	switch n {
	case 1:
		return "one step"
	case 2:
		return "two steps"
	case 3:
		return "three steps"
	}
	return fmt.Sprintf("%d steps", n)
}

// nearestStep is the index of the ladder dilution nearest d, compared by
// concentration 1/(1+d), which is what the eye sees change.
func nearestStep(ladder []float64, d float64) int {
	best, bestD := 0, math.Inf(1)
	c := 1 / (1 + math.Max(0, d))
	for i, x := range ladder {
		if dd := math.Abs(1/(1+x) - c); dd < bestD {
			best, bestD = i, dd
		}
	}
	return best
}
