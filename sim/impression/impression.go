// Package impression describes one SMP dot: where it went, with which needle,
// how deep, and with which pigment.
package impression

import (
	"fmt"
	"math"

	"github.com/smptrainer/smp/sim/geom"
)

// Grouping is the needle configuration.
type Grouping string

// Needle groupings, domain.md §2: a single round needle for the hairline and
// soft work, three rounds for density fill.
const (
	RL1 Grouping = "1RL"
	RL3 Grouping = "3RL"
)

// Needle is a needle grouping and the gauge of each needle in mm.
type Needle struct {
	Grouping Grouping
	GaugeMM  float64
}

// DefaultNeedle is the needle assumed when a file names none: a 1RL at
// 0.25 mm, one of the two common gauges (domain.md §2).
var DefaultNeedle = Needle{RL1, 0.25}

// Gauges are the gauges the trainer offers; domain.md §2 gives 0.18–0.30 mm
// with 0.20 and 0.25 mm common.
var Gauges = []float64{0.20, 0.25, 0.30}

// MinGaugeMM and MaxGaugeMM bound the gauges a file may name (domain.md §2).
const (
	MinGaugeMM = 0.18
	MaxGaugeMM = 0.30
)

// The needle's point (domain.md §9): the gauge is the shaft's diameter and
// the point is a cone, so a tip that enters the skin to depth p opens a hole
// about gauge × p ÷ taper length across, well under the gauge.
const (
	// TaperMM is the length of the needle's cone: 2 mm, a long taper, the
	// top of the 1.5–2 mm range of SMP needles (domain.md §9).
	TaperMM = 2.0
	// TargetEntryMM is how far the tip enters on an on-target stroke:
	// 0.9 mm, inside the 0.5–1 mm of domain.md §9 (model assumption; the
	// published millimetre depths are unreliable, §2).
	TargetEntryMM = 0.9
)

// DotDiameterMM returns the diameter of the fresh mark an on-target stroke
// of the needle leaves: gauge × TargetEntryMM ÷ TaperMM for one needle,
// 0.1125 mm for a 1RL 0.25 (domain.md §9). A 3RL's three holes lie a gauge
// apart and their ink merges in the dermis; from any viewing distance a
// dot counts by its area (§9), so the 3RL mark is the disc of the three
// holes' area, √3 times as wide (model assumption). Healing and depth
// change it further (sim/appearance).
func (n Needle) DotDiameterMM() float64 {
	hole := n.GaugeMM * TargetEntryMM / TaperMM
	if n.Grouping == RL3 {
		return hole * math.Sqrt(3)
	}
	return hole
}

// String formats the needle as artists write it, such as "1RL 0.25".
func (n Needle) String() string { return fmt.Sprintf("%s %.2f", n.Grouping, n.GaugeMM) }

// Depth is where in the skin the pigment landed, as a relative state:
// domain.md §2 finds the published millimetre figures unreliable.
type Depth string

// The depth states.
const (
	Shallow Depth = "shallow" // fades within weeks
	Target  Depth = "target"  // the papillary dermis
	Deep    Depth = "deep"    // blows out: spreads, blurs and turns blue
)

// Valid reports whether d is one of the three states.
func (d Depth) Valid() bool { return d == Shallow || d == Target || d == Deep }

// DefaultPigment is the pigment assumed when a file names none.
const DefaultPigment = "carbon-black"

// DefaultDilution is the dilution assumed when a file names none, in parts
// of distilled water per part of pigment. One artist reports diluting 20–30×
// (domain.md §7); 20 is the darker end of that.
const DefaultDilution = 20.0

// Impression is one dot placed on the chart.
type Impression struct {
	// Pos is the dot's centre on the chart, in mm.
	Pos geom.Point
	// DiameterMM is the fresh dot's diameter.
	DiameterMM float64
	Needle     Needle
	Depth      Depth
	// Pigment is a pigment id from the palette.
	Pigment string
	// Dilution is in parts of water per part of pigment; 0 is undiluted.
	Dilution float64
	// Session is the treatment session, 1–3, that placed the dot.
	Session int
	// TimeS is the time in seconds from the start of that session.
	TimeS float64
}

// New returns an on-target impression at p made with needle n and the
// default pigment.
func New(p geom.Point, n Needle, session int, timeS float64) Impression {
	return Impression{
		Pos:        p,
		DiameterMM: n.DotDiameterMM(),
		Needle:     n,
		Depth:      Target,
		Pigment:    DefaultPigment,
		Dilution:   DefaultDilution,
		Session:    session,
		TimeS:      timeS,
	}
}

// RadiusMM returns half the diameter.
func (im Impression) RadiusMM() float64 { return im.DiameterMM / 2 }
