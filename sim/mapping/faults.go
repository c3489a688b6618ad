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

// faults names each code and says how its places are drawn: the one home
// of the mapping criterion's fault names, registered with package score so
// that FaultCode.Title and Marker know them (a report's legend, the class
// page's common faults).
var faults = map[score.FaultCode]score.FaultName{
	FaultTooLow:        {Title: "Too low", Marker: score.MarkerSpot},
	FaultNoRoom:        {Title: "No room for future loss", Marker: score.MarkerSpot},
	FaultTooHigh:       {Title: "Too high", Marker: score.MarkerSpot},
	FaultBelowNatural:  {Title: "Below the natural line", Marker: score.MarkerSpot},
	FaultStyle:         {Title: "Style unsuited", Marker: score.MarkerSpot},
	FaultOffCanthus:    {Title: "Corner off the canthus line", Marker: score.MarkerTemple},
	FaultFilledFTA:     {Title: "Filled frontotemporal angle", Marker: score.MarkerTemple},
	FaultMaleOnFemale:  {Title: "Male recession on a woman", Marker: score.MarkerTemple},
	FaultDeepRecession: {Title: "Recession too deep", Marker: score.MarkerTemple},
	FaultSlopesDown:    {Title: "Slopes down from the MFP", Marker: score.MarkerEdge},
	FaultPeakMisplaced: {Title: "Temporal peak misplaced", Marker: score.MarkerTemple},
	FaultOffMidline:    {Title: "MFP off the midline", Marker: score.MarkerSpot},
	FaultOffLine:       {Title: "Line misses a point", Marker: score.MarkerSpot},
	FaultStraight:      {Title: "Straight line", Marker: score.MarkerEdge},
	FaultRound:         {Title: "Round line", Marker: score.MarkerEdge},
	FaultNoBell:        {Title: "No bell shape", Marker: score.MarkerEdge},
}

func init() { score.RegisterFaults(faults) }

// Codes returns every code the mapping criterion can report, with the
// shared score.FaultAsymmetric.
func Codes() []score.FaultCode {
	out := []score.FaultCode{score.FaultAsymmetric}
	for k := range faults {
		out = append(out, k)
	}
	return out
}
