// Package name is the one rule for the people's names the programs store
// and show (trainees): printable text only. Besides control characters,
// it refuses the invisible format characters that change how text around
// them displays: the bidirectional controls (U+202E RIGHT-TO-LEFT
// OVERRIDE makes "Ann‮txt.exe" show as "Annexe.txt") and the
// zero-width characters that make two names that look the same differ.
//
// ZERO WIDTH NON-JOINER and JOINER (U+200C, U+200D) stay allowed: Persian,
// Hindi and other scripts need them to spell names correctly, and they
// cannot reorder text.
package name

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/smptrainer/smp/sim/fileerr"
)

// IsHidden reports whether r is an invisible format character a name may
// not hold: a bidirectional control (U+061C, U+200E, U+200F,
// U+202A–U+202E, U+2066–U+2069), a zero-width space or word joiner
// (U+200B, U+2060–U+2064), a byte-order mark (U+FEFF), or a tag character
// (U+E0000–U+E007F).
func IsHidden(r rune) bool {
	switch {
	case r == 0x061c, r == 0x200b, r == 0x200e, r == 0x200f, r == 0xfeff:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x2069:
		return true
	case r >= 0xe0000 && r <= 0xe007f:
		return true
	}
	return false
}

// Problem says what makes s unfit as a stored name, or returns "": not
// UTF-8, a control character, or a hidden character (named by its code
// point). Length limits belong to each format.
func Problem(s string) string {
	if !utf8.ValidString(s) {
		return "not valid UTF-8 text"
	}
	for _, r := range s {
		switch {
		case fileerr.IsControl(r):
			return "holds control characters"
		case IsHidden(r):
			return fmt.Sprintf("holds U+%04X, an invisible character that can disguise how a name reads", r)
		}
	}
	return ""
}

// Clean returns s as it may be shown: hidden characters removed, control
// characters and invalid bytes replaced by U+FFFD. For names that reached
// a store before Problem guarded it.
func Clean(s string) string {
	if Problem(s) == "" {
		return s
	}
	var b strings.Builder
	for _, r := range s { // invalid bytes come out as U+FFFD
		switch {
		case IsHidden(r):
		case fileerr.IsControl(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
