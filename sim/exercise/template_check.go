package exercise

import "github.com/smptrainer/smp/sim/scalp"

// checkTemplate reports whether the template an exercise names loads from
// the registry; the error names the known ids.
func checkTemplate(id string) error {
	_, err := scalp.Lookup(id)
	return err
}
