// Package input turns whatever drives the trainer (a person at the keyboard
// and mouse, or a test script) into one Input value per tick.
//
// The game reads its input exactly once per tick, from a Source, and never
// calls Ebitengine's input functions itself. That keeps the game logic a
// pure function of (state, Input), so an end-to-end test can replay a
// scripted or recorded session and get the same result every time.
package input

import (
	"io/fs"
	"slices"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/smptrainer/smp/sim/geom"
)

// Button is a mouse button.
type Button int

// The mouse buttons the trainer uses.
const (
	Left Button = iota
	Right
	Middle
	numButtons
)

// Input is everything that happened in one tick.
type Input struct {
	// Tick counts ticks from the start of the run, from 0.
	Tick int `json:"tick"`
	// X and Y are the cursor position in screen (device) pixels.
	X float64 `json:"x"`
	Y float64 `json:"y"`
	// Pressed, Held and Released are indexed by Button: just went down
	// this tick, is down now, and just went up this tick.
	Pressed  [numButtons]bool `json:"pressed,omitzero"`
	Held     [numButtons]bool `json:"held,omitzero"`
	Released [numButtons]bool `json:"released,omitzero"`
	// HoldS is, on a tick whose Released[Left] is set, how long the left
	// button was held, in seconds: measured by the source's clock from the
	// press to the release (the wall clock for the real mouse, the ticks
	// for a script), so a slow frame neither drops a click nor changes its
	// depth. 0 when the source does not measure it; HoldUnknown when the
	// press and the release came between the same two reads.
	HoldS float64 `json:"hold_s,omitzero"`
	// WheelX and WheelY are the wheel movement this tick, in notches;
	// positive WheelY is away from the user (zoom in).
	WheelX float64 `json:"wheel_x,omitzero"`
	WheelY float64 `json:"wheel_y,omitzero"`
	// Keys went down this tick; Down are all keys held now.
	Keys []ebiten.Key `json:"keys,omitempty"`
	Down []ebiten.Key `json:"down,omitempty"`
	// Chars are the characters typed this tick, for text fields (a name,
	// a file name), as the keyboard layout produced them.
	Chars []rune `json:"chars,omitempty"`
	// Ctrl is Control, or Command (Meta) on a Mac; Shift and Alt are held.
	Ctrl  bool `json:"ctrl,omitzero"`
	Shift bool `json:"shift,omitzero"`
	Alt   bool `json:"alt,omitzero"`
	// Dropped holds files dropped on the window this tick, or nil.
	Dropped fs.FS `json:"-"`
	// Capture, when not empty, asks the game to read back the next frame
	// it draws and hand it to its capture hook under this name (tests).
	Capture string `json:"capture,omitempty"`
	// Quit asks the game to end (the end of a script).
	Quit bool `json:"quit,omitzero"`
	// Close is set when the user asked to close the window.
	Close bool `json:"close,omitzero"`
}

// HoldUnknown is Input.HoldS for a click pressed and released between two
// reads of the devices (a frame slower than the click): it happened, but
// how long it was held is not known.
const HoldUnknown = -1

// Cursor returns the cursor position.
func (in *Input) Cursor() (x, y float64) { return in.X, in.Y }

// JustPressed reports whether key went down this tick.
func (in *Input) JustPressed(key ebiten.Key) bool { return slices.Contains(in.Keys, key) }

// IsDown reports whether key is held.
func (in *Input) IsDown(key ebiten.Key) bool { return slices.Contains(in.Down, key) }

// Context is what a Source may ask of the game: scripts place clicks at
// chart positions, which only the game's current view can turn into screen
// pixels.
type Context interface {
	// MMToScreen returns the screen position of the chart point p.
	MMToScreen(p geom.Point) (x, y float64)
}

// Source produces the input for one tick. Next is called exactly once per
// tick, from the game's Update.
type Source interface {
	Next(tick int, c Context) Input
}

// Ebiten reads the real keyboard and mouse through Ebitengine.
//
// A press and release inside one frame are not lost: Ebitengine keeps GLFW's
// sticky mouse buttons on (in every FPS mode but the minimum one, which the
// trainer does not use), so such a click reads as pressed for one tick and
// released the next. Hold times come from the wall clock at the ticks the
// press and the release were read, not from counting ticks, which a
// loaded machine runs late or skips.
type Ebiten struct {
	keys, down []ebiten.Key
	// pressedAt is when the left button was last seen going down.
	pressedAt time.Time
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Next implements Source.
func (e *Ebiten) Next(tick int, _ Context) Input {
	var in Input
	in.Tick = tick
	x, y := ebiten.CursorPosition()
	in.X, in.Y = float64(x), float64(y)
	for b, eb := range [numButtons]ebiten.MouseButton{ebiten.MouseButtonLeft, ebiten.MouseButtonRight, ebiten.MouseButtonMiddle} {
		in.Pressed[b] = inpututil.IsMouseButtonJustPressed(eb)
		in.Released[b] = inpututil.IsMouseButtonJustReleased(eb)
		in.Held[b] = ebiten.IsMouseButtonPressed(eb)
	}
	now := time.Now
	if e.Now != nil {
		now = e.Now
	}
	t := now()
	switch {
	case in.Pressed[Left] && in.Released[Left]:
		// Pressed and released between two reads (a slow frame): the
		// hold cannot be measured.
		in.HoldS = HoldUnknown
	case in.Pressed[Left]:
		e.pressedAt = t
	case in.Released[Left] && !e.pressedAt.IsZero():
		in.HoldS = t.Sub(e.pressedAt).Seconds()
	}

	in.WheelX, in.WheelY = ebiten.Wheel()
	e.keys = inpututil.AppendJustPressedKeys(e.keys[:0])
	e.down = inpututil.AppendPressedKeys(e.down[:0])
	in.Keys = slices.Clone(e.keys)
	in.Down = slices.Clone(e.down)
	in.Chars = ebiten.AppendInputChars(nil)
	in.Ctrl = ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta)
	in.Shift = ebiten.IsKeyPressed(ebiten.KeyShift)
	in.Alt = ebiten.IsKeyPressed(ebiten.KeyAlt)
	in.Dropped = ebiten.DroppedFiles()
	in.Close = ebiten.IsWindowBeingClosed()
	return in
}
