package ui

import (
	"testing"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/keymap"
)

// TestEveryActionBound: each keymap row with a key has a func in the
// dispatch, and the dispatch has nothing the table lacks (it would be a
// key no help mentions).
func TestEveryActionBound(t *testing.T) {
	inTable := map[keymap.Action]bool{}
	for _, b := range keymap.Table {
		inTable[b.Action] = true
		if !b.Gesture && actions[b.Action] == nil {
			t.Errorf("keymap row %q (%s) has no action func", b.Action, b.KeyLabel())
		}
	}
	for a := range actions {
		if !inTable[a] {
			t.Errorf("action func %q has no keymap row", a)
		}
	}
}
