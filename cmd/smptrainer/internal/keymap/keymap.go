// Package keymap is the trainer's one table of actions: for each, the key
// chords that trigger it, the toolbar button that shows it (if any) and the
// help text. The table drives everything that names a key: the chart
// editor's key dispatch, the help overlay, the toolbar's tooltips and the
// README's key table (tests check all four agree).
package keymap

import (
	"fmt"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
)

// Action names one thing the trainee can do. Its value is stable: tests,
// recordings and the toolbar refer to it.
type Action string

// Mod is a set of modifier keys.
type Mod uint8

// The modifiers a chord can ask for.
const (
	// Ctrl is Control, or Command on a Mac.
	Ctrl Mod = 1 << iota
	// Shift is either Shift key.
	Shift
	// AnyShift lets the chord match with or without Shift: "+" is Shift+=
	// on a US keyboard but = alone zooms just as well.
	AnyShift
)

// Chord is a key with its modifiers.
type Chord struct {
	Key  ebiten.Key
	Mods Mod
}

// Matches reports whether key pressed with the given modifiers is c.
func (c Chord) Matches(key ebiten.Key, ctrl, shift bool) bool {
	if key != c.Key || ctrl != (c.Mods&Ctrl != 0) {
		return false
	}
	return c.Mods&AnyShift != 0 || shift == (c.Mods&Shift != 0)
}

// overlaps reports whether some key press would match both c and d.
func (c Chord) overlaps(d Chord) bool {
	if c.Key != d.Key || (c.Mods&Ctrl != 0) != (d.Mods&Ctrl != 0) {
		return false
	}
	return c.Mods&AnyShift != 0 || d.Mods&AnyShift != 0 || (c.Mods&Shift != 0) == (d.Mods&Shift != 0)
}

// String writes the chord as people do: "Ctrl+Shift+Z".
func (c Chord) String() string {
	var b strings.Builder
	if c.Mods&Ctrl != 0 {
		b.WriteString("Ctrl+")
	}
	if c.Mods&Shift != 0 {
		b.WriteString("Shift+")
	}
	b.WriteString(keyName(c.Key))
	return b.String()
}

// keyName is how a key is written in help and tooltips.
func keyName(k ebiten.Key) string {
	switch k {
	case ebiten.KeyEqual:
		return "="
	case ebiten.KeyMinus:
		return "−"
	case ebiten.KeyNumpadAdd:
		return "Num +"
	case ebiten.KeyNumpadSubtract:
		return "Num −"
	case ebiten.KeyComma:
		return ","
	case ebiten.KeyPeriod:
		return "."
	case ebiten.KeySemicolon:
		return ";"
	case ebiten.KeyApostrophe:
		return "'"
	case ebiten.KeyBracketLeft:
		return "["
	case ebiten.KeyBracketRight:
		return "]"
	case ebiten.KeySlash:
		return "/"
	case ebiten.KeyEscape:
		return "Esc"
	}
	s := k.String()
	s = strings.TrimPrefix(s, "Digit")
	return s
}

// Binding is one row of the table.
type Binding struct {
	// Action is what the row does.
	Action Action
	// Chords trigger the action from the keyboard; empty for a pointer
	// gesture (Gesture is then set), which the pointer code handles.
	Chords []Chord
	// Keys is how help and the README write the trigger; empty means the
	// chords joined with " or ".
	Keys string
	// Gesture marks a mouse gesture row: documented here, handled by the
	// pointer code rather than the key dispatch.
	Gesture bool
	// Icon is the toolbar button's label, or "" when the action has no
	// button.
	Icon string
	// Help says what the action does, in the words of the help overlay
	// and the README.
	Help string
}

// KeyLabel is how help, tooltips and the README name the trigger.
func (b Binding) KeyLabel() string {
	if b.Keys != "" {
		return b.Keys
	}
	s := make([]string, len(b.Chords))
	for i, c := range b.Chords {
		s[i] = c.String()
	}
	return strings.Join(s, " or ")
}

// Tooltip is the toolbar's tooltip for the action: its help and its key.
func (b Binding) Tooltip() string {
	if k := b.KeyLabel(); k != "" {
		return fmt.Sprintf("%s (%s)", b.Help, k)
	}
	return b.Help
}

// Find returns the binding of action a, and false when there is none.
func Find(a Action) (Binding, bool) {
	for _, b := range Table {
		if b.Action == a {
			return b, true
		}
	}
	return Binding{}, false
}

// Lookup returns the action bound to key pressed with the given modifiers.
func Lookup(key ebiten.Key, ctrl, shift bool) (Action, bool) {
	for _, b := range Table {
		for _, c := range b.Chords {
			if c.Matches(key, ctrl, shift) {
				return b.Action, true
			}
		}
	}
	return "", false
}

// Conflicts lists every pair of rows that share a chord, as
// "Ctrl+S: save and save-as"; a correct table has none.
func Conflicts(t []Binding) []string {
	var out []string
	for i, a := range t {
		for _, b := range t[i+1:] {
			for _, ca := range a.Chords {
				for _, cb := range b.Chords {
					if ca.overlaps(cb) {
						out = append(out, fmt.Sprintf("%s: %s and %s", ca, a.Action, b.Action))
					}
				}
			}
		}
	}
	return out
}

// Markdown is the README's key table, generated from Table.
func Markdown() string {
	var b strings.Builder
	b.WriteString("| Keys | What they do |\n|---|---|\n")
	for _, r := range Table {
		fmt.Fprintf(&b, "| %s | %s |\n", r.KeyLabel(), r.Help)
	}
	return b.String()
}
