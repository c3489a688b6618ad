package score

// FaultName is what Title and Marker tell of a fault code.
type FaultName struct {
	// Title names the fault in a few words, for tables and the class
	// page's common faults.
	Title string
	// Marker is how the fault's places are drawn.
	Marker MarkerKind
}

// registered holds the fault codes of criteria graded outside this
// package (the mapping criterion, the consultation's), added by their
// packages' init functions and only read afterwards.
var registered = map[FaultCode]FaultName{}

// RegisterFaults makes the codes of a criterion graded outside this package
// known to Title and Marker, so a report names them in words. Call it from
// an init function; a code this package or an earlier call already knows
// keeps its first name.
func RegisterFaults(names map[FaultCode]FaultName) {
	for c, n := range names {
		if _, ok := faultTable[c]; ok {
			continue
		}
		if _, ok := registered[c]; !ok {
			registered[c] = n
		}
	}
}
