package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/name"
)

// textField is a one-line text entry: typed characters append, Backspace
// deletes the last one, Enter submits and Esc cancels.
type textField struct {
	text []rune
	// max is the longest text accepted, in characters.
	max int
}

// caret marks where typing goes, after a field's text. It is a box-drawing
// line because the embedded Go fonts have no thinner vertical bar
// (TestStringsHaveGlyphs).
const caret = "│"

// withCaret returns the field's text with the caret after it.
func (f *textField) withCaret() string { return f.String() + caret }

// fieldResult is what a tick did to a text field.
type fieldResult int

const (
	fieldEditing fieldResult = iota
	fieldSubmitted
	fieldCancelled
)

// update applies the tick's typing.
func (f *textField) update(in *input.Input) fieldResult {
	for _, r := range in.Chars {
		// The one rule for names (sim/name) decides which characters a
		// name or a file name may hold: no control characters, no bidi
		// overrides or zero-width spaces; the joiners that Persian or
		// Hindi names need stay.
		if name.Problem(string(r)) != "" || len(f.text) >= f.max {
			continue
		}
		f.text = append(f.text, r)
	}
	for _, k := range in.Keys {
		switch k {
		case ebiten.KeyBackspace:
			if n := len(f.text); n > 0 {
				f.text = f.text[:n-1]
			}
		case ebiten.KeyEnter, ebiten.KeyNumpadEnter:
			return fieldSubmitted
		case ebiten.KeyEscape:
			return fieldCancelled
		}
	}
	return fieldEditing
}

// String returns the text.
func (f *textField) String() string { return string(f.text) }
