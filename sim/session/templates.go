package session

import "github.com/smptrainer/smp/sim/scalp"

// lookupTemplate and allTemplates are the template registry the decoder
// validates against (one place to change if the registry's API moves).
func lookupTemplate(id string) (*scalp.Template, error) { return scalp.Lookup(id) }

func allTemplates() []*scalp.Template { return scalp.All() }
