package mapping

import "github.com/smptrainer/smp/sim/score"

// The mapping criterion's fault codes (domain-clients.md §4, domain.md
// §5). score.FaultAsymmetric ("asymmetric-temples") is shared with the
// hairline criterion: it is the same fault, on a drawn line or on dots.
const (
	FaultTooLow        score.FaultCode = "too-low"                  // below the sex's range, or the client's
	FaultNoRoom        score.FaultCode = "no-room-for-loss"         // young, progressive and low
	FaultTooHigh       score.FaultCode = "too-high"                 // above the client's styles
	FaultBelowNatural  score.FaultCode = "below-natural"            // lower than the client's own line
	FaultStyle         score.FaultCode = "style-unsuited"           // a style the client should not have
	FaultOffCanthus    score.FaultCode = "ftp-off-canthus"          // corner not on the canthus line
	FaultFilledFTA     score.FaultCode = "filled-fta"               // corner below the MFP height, or no corner
	FaultMaleOnFemale  score.FaultCode = "male-recession-on-female" // deep recession on a woman
	FaultDeepRecession score.FaultCode = "deep-recession"           // corners far above the MFP
	FaultSlopesDown    score.FaultCode = "slopes-down"              // a lid from the side
	FaultPeakMisplaced score.FaultCode = "tp-misplaced"             // temporal peak off Garg's line
	FaultOffMidline    score.FaultCode = "mfp-off-midline"          // mid-frontal point off the midline
	FaultOffLine       score.FaultCode = "off-line"                 // the line misses a marked point
	FaultStraight      score.FaultCode = "straight-line"            // ruler-drawn
	FaultRound         score.FaultCode = "round-line"               // a dome or perfect arc, no corners
	FaultNoBell        score.FaultCode = "no-bell"                  // centre flat or hollow
)

// faults maps each code to its short title and marker kind: the one home
// of the mapping criterion's fault names.
var faults = map[score.FaultCode]struct {
	title  string
	marker score.MarkerKind
}{
	FaultTooLow:           {"Too low", score.MarkerSpot},
	FaultNoRoom:           {"No room for future loss", score.MarkerSpot},
	FaultTooHigh:          {"Too high", score.MarkerSpot},
	FaultBelowNatural:     {"Below the natural line", score.MarkerSpot},
	FaultStyle:            {"Style unsuited", score.MarkerSpot},
	FaultOffCanthus:       {"Corner off the canthus line", score.MarkerTemple},
	FaultFilledFTA:        {"Filled frontotemporal angle", score.MarkerTemple},
	FaultMaleOnFemale:     {"Male recession on a woman", score.MarkerTemple},
	FaultDeepRecession:    {"Recession too deep", score.MarkerTemple},
	FaultSlopesDown:       {"Slopes down from the MFP", score.MarkerEdge},
	FaultPeakMisplaced:    {"Temporal peak misplaced", score.MarkerTemple},
	FaultOffMidline:       {"MFP off the midline", score.MarkerSpot},
	FaultOffLine:          {"Line misses a point", score.MarkerSpot},
	FaultStraight:         {"Straight line", score.MarkerEdge},
	FaultRound:            {"Round line", score.MarkerEdge},
	FaultNoBell:           {"No bell shape", score.MarkerEdge},
	score.FaultAsymmetric: {"Asymmetric temples", score.MarkerTemple},
}

// MappingTitle names a mapping fault in a few words ("Filled frontotemporal
// angle"); the code itself for a code this criterion does not report.
func MappingTitle(code score.FaultCode) string {
	if f, ok := faults[code]; ok {
		return f.title
	}
	return string(code)
}

// Codes returns every code the mapping criterion can report.
func Codes() []score.FaultCode {
	out := make([]score.FaultCode, 0, len(faults))
	for k := range faults {
		out = append(out, k)
	}
	return out
}

func markerOf(code score.FaultCode) score.MarkerKind {
	if f, ok := faults[code]; ok {
		return f.marker
	}
	return score.MarkerSpot
}
