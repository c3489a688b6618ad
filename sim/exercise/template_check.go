package exercise

import (
	"fmt"
	"slices"
)

// contractTemplates are the template ids promised in notes/CONTRACTS.md.
// They stand in for scalp.Lookup until the template registry lands; the
// check then moves to scalp.Lookup so a template that fails to load is
// caught too.
var contractTemplates = []string{
	"square20", "norwood2", "norwood3", "norwood3v", "norwood4", "norwood5",
	"norwood6", "norwood7", "ludwig2", "areata", "fut-scar", "fue-scars",
}

func checkTemplate(id string) error {
	if !slices.Contains(contractTemplates, id) {
		return fmt.Errorf("unknown template %q", id)
	}
	return nil
}
