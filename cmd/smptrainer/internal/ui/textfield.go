package ui

import (
	"unicode"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// textField is a one-line text entry: typed characters append, Backspace
// deletes the last one, Enter submits and Esc cancels.
type textField struct {
	text []rune
	// max is the longest text accepted, in characters.
	max int
}

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
		// Control and format characters (bidi overrides among them) have
		// no place in a name or a file name.
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || len(f.text) >= f.max {
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
