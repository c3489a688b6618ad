package ui

import (
	"testing"
	"time"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

func TestInputWantsFrame(t *testing.T) {
	for _, c := range []struct {
		name              string
		tick, last, drawn int
		since             time.Duration
		want              bool
	}{
		{"input after the last frame", 101, 100, 100, time.Millisecond, true},
		{"drawn since the input, follow-up not due", 103, 100, 101, 30 * time.Millisecond, false},
		{"follow-up due", 110, 100, 101, redrawFollowUp, true},
		{"after the follow-up window", 100 + redrawAfterInput + 1, 100, 120, time.Second, false},
	} {
		if got := inputWantsFrame(c.tick, c.last, c.drawn, c.since); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestHeldButtonDrawsNothing: a button held still keeps the trainer awake
// but asks for no frame; a move or a release does.
func TestHeldButtonDrawsNothing(t *testing.T) {
	g := newHeadless(t, input.NewScript(), "")
	g.lastX, g.lastY, g.tick = 10, 10, 50
	g.noteInput(&input.Input{X: 10, Y: 10, Held: [3]bool{true}})
	if g.lastInputTick == 50 {
		t.Error("a held button asked for a frame")
	}
	if time.Since(g.lastInputAt) > time.Minute {
		t.Error("a held button did not keep the trainer awake")
	}
	g.tick++
	g.noteInput(&input.Input{X: 12, Y: 10, Held: [3]bool{true}})
	if g.lastInputTick != 51 {
		t.Error("a move did not ask for a frame")
	}
	g.tick++
	g.noteInput(&input.Input{X: 10, Y: 10, Released: [3]bool{true}})
	if g.lastInputTick != 52 {
		t.Error("a release did not ask for a frame")
	}
}
