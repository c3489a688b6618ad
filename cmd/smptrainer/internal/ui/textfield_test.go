package ui

import (
	"testing"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/name"
)

// TestTextFieldFollowsTheNameRule: a typed name keeps what sim/name
// allows (the zero-width non-joiner a Persian name needs) and drops what
// it refuses (a right-to-left override, a zero-width space, a tab), so
// the prompt and the stored files agree on one rule.
func TestTextFieldFollowsTheNameRule(t *testing.T) {
	for _, c := range []struct{ typed, want string }{
		{"Ann\u202etxt.exe", "Anntxt.exe"},
		{"Jo\u200bhn\t", "John"},
		{"\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"},
	} {
		f := textField{max: maxNameRunes}
		f.update(&input.Input{Chars: []rune(c.typed)})
		if got := f.String(); got != c.want {
			t.Errorf("typed %+q, field holds %+q, want %+q", c.typed, got, c.want)
		}
		if p := name.Problem(f.String()); p != "" {
			t.Errorf("typed %+q, the field's %+q is refused by sim/name: %s", c.typed, f.String(), p)
		}
	}
}
