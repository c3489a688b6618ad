package shade

import (
	"fmt"
	"math"
	"sync"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/colour"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/palette"
	"github.com/smptrainer/smp/sim/viewer"
)

// The faults Judge finds, as stable codes (the scorer's fault codes).
const (
	FaultTooDark   = "too-dark"
	FaultTooLight  = "too-light"
	FaultInvisible = "invisible"
	FaultBlueGrey  = "blue-grey"
)

// BlueGreyCap is the most Judge's Match may be when the work's main mix
// will turn blue-grey: a shade that matches today but goes slate-grey in a
// few years is not a match (model value; domain.md §7).
const BlueGreyCap = 0.6

// Mix is a pigment at a dilution with a needle: what the trainee chose.
type Mix struct {
	Pigment  string
	Dilution float64
	Needle   impression.Needle
}

// Judgement is what the colour criterion says about an area of work.
type Judgement struct {
	Seen viewer.Seen
	// Match is Match(Seen), capped at BlueGreyCap when the work will turn
	// blue-grey.
	Match float64
	// Faults are the codes found, worst first (FaultTooDark …).
	Faults []string
	// BlueDrift is the main mix's aged drift toward blue, ΔE00.
	BlueDrift float64
	// Feedback is one sentence, written from the faults.
	Feedback string
}

// Judge judges work against ref, both seen from v's distance: main is the
// mix most of the work used, skin and hair the client's. The sentence says
// which way the work is off, by how much, and what to load instead.
func Judge(work, ref viewer.Patch, main Mix, skin, hair colorful.Color, v Viewing) Judgement {
	v = v.withDefaults()
	if main.Needle.GaugeMM == 0 {
		main.Needle = v.Needle
	}
	skin = skin.Clamped()
	j := Judgement{Seen: viewer.Compare(work, ref, v.DistanceM)}
	j.Match = Match(j.Seen)
	pg := pigmentOrCarbon(main.Pigment)
	aged := appearance.Explain(pg, probe(pg.ID, main.Dilution, main.Needle), skin, appearance.Aged(appearance.PreviewYears))
	j.BlueDrift = colour.DeltaE00(aged.Unshifted, aged.Colour)

	s, name := j.Seen, SkinName(skin)
	wl, _, _ := colour.LabOf(work.Mean())
	rl, _, _ := colour.LabOf(ref.Mean())
	switch {
	case s.TextureRatio < InvisibleRatio:
		j.Faults = append(j.Faults, FaultInvisible)
	case s.TextureRatio < TextureFullMin || (s.AreaDE > AreaFullJND*colour.JND && wl > rl && s.TextureRatio <= TextureFullMax):
		j.Faults = append(j.Faults, FaultTooLight)
	case s.TextureRatio > TextureFullMax || s.AreaDE > AreaFullJND*colour.JND:
		j.Faults = append(j.Faults, FaultTooDark)
	}
	if j.BlueDrift > BlueDriftWarnJND*colour.JND {
		j.Faults = append(j.Faults, FaultBlueGrey)
		j.Match = math.Min(j.Match, BlueGreyCap)
	}

	at := fmt.Sprintf("Seen from %g m", v.DistanceM)
	measured := fmt.Sprintf("%.2f× the light–dark texture of his stubble (want %g–%g×), area colour %.1f ΔE00 off", s.TextureRatio, TextureFullMin, TextureFullMax, s.AreaDE)
	var words string
	switch {
	case len(j.Faults) == 0:
		j.Feedback = fmt.Sprintf("%s the healed work reads as his stubble on %s skin: %.2f× its texture, area colour within %.1f ΔE00.", at, name, s.TextureRatio, s.AreaDE)
		return j
	case j.Faults[0] == FaultInvisible:
		words = fmt.Sprintf("%s the healed work won't show on %s skin: %s", at, name, measured)
	case j.Faults[0] == FaultTooLight:
		words = fmt.Sprintf("%s the healed work reads too light on %s skin: %s", at, name, measured)
	case j.Faults[0] == FaultTooDark:
		words = fmt.Sprintf("%s the healed work reads too dark on %s skin: %s", at, name, measured)
	default:
		words = fmt.Sprintf("%s the healed work reads as his stubble on %s skin today", at, name)
	}
	if j.Faults[len(j.Faults)-1] == FaultBlueGrey {
		words += fmt.Sprintf(", and will turn blue-grey: %s %s drifts %.1f ΔE00 toward blue in %g years", pg.Name, palette.DilutionLabel(main.Dilution), j.BlueDrift, appearance.PreviewYears)
	}
	j.Feedback = words + "; " + advice(main, skin, hair, v) + "."
	return j
}

// advice names the mix to load instead: the advisor's first pick for the
// same needle and viewing.
func advice(main Mix, skin, hair colorful.Color, v Viewing) string {
	v.Needle = main.Needle
	best, ok := firstPick(skin, hair, v)
	if !ok {
		return "check the palette"
	}
	if best.PigmentID == main.Pigment && best.Dilution == main.Dilution {
		return fmt.Sprintf("%s %s is already the advised mix for this needle; check depth and needle", best.PigmentName, best.DilutionLabel)
	}
	return fmt.Sprintf("load %s %s, the advised mix (%.2f× texture)", best.PigmentName, best.DilutionLabel, best.TextureRatio)
}

// picks remembers the advisor's first pick (AdviseFor's first option) by
// skin, hair and viewing, which with the embedded palette are all it
// depends on: a live grade words the colour feedback on every report (the
// trainer's score panel, after each dot), and ranking the whole palette
// each time took a third of a millisecond. Bounded, so keys that never
// match (NaN) cannot grow it without end.
var picks struct {
	mu sync.Mutex
	m  map[pickKey]pick
}

type pickKey struct {
	skin, hair colorful.Color
	v          Viewing
}

type pick struct {
	best Option
	ok   bool
}

// maxPicks bounds picks; past it the memory starts again.
const maxPicks = 256

// firstPick returns AdviseFor(skin, hair, v)'s first option, and false
// when it gives none.
func firstPick(skin, hair colorful.Color, v Viewing) (Option, bool) {
	k := pickKey{skin, hair, v}
	picks.mu.Lock()
	p, hit := picks.m[k]
	picks.mu.Unlock()
	if hit {
		return p.best, p.ok
	}
	if opts := AdviseFor(skin, hair, v); len(opts) > 0 {
		p = pick{opts[0], true}
	}
	picks.mu.Lock()
	if picks.m == nil || len(picks.m) >= maxPicks {
		picks.m = map[pickKey]pick{}
	}
	picks.m[k] = p
	picks.mu.Unlock()
	return p.best, p.ok
}

// pigmentOrCarbon looks a pigment up in the embedded palette, falling back
// to carbon black as the appearance model does.
func pigmentOrCarbon(id string) palette.Pigment {
	if p, err := palette.Default(); err == nil {
		if pg, err := p.Pigment(id); err == nil {
			return pg
		}
		if pg, err := p.Pigment(impression.DefaultPigment); err == nil {
			return pg
		}
	}
	return palette.Pigment{ID: impression.DefaultPigment, Name: "Carbon black", Strength: 1, Absorbance: [3]float64{1, 1, 1}}
}
