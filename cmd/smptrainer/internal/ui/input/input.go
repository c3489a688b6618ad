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
	"github.com/smptrainer/smp/cmd/smptrainer/internal/webfile"
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
	// HoldErrS is how far the true hold may lie from HoldS either way:
	// the real mouse is read once a frame, so each edge is known only to
	// within the frame it came in (a sixtieth of a second, or much more
	// on a loaded machine). 0 for a script.
	HoldErrS float64 `json:"hold_err_s,omitzero"`
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
// Ebitengine reads the devices once a frame. A press and a release inside
// one frame still reach the game, as a click whose hold is unknown, and a
// release and the next press read together reach it one tick apart (see
// buttonTrack). Hold times come from the wall clock, each edge taken at
// the middle of the span in which it was read, not from counting ticks,
// which a loaded machine runs late or skips.
type Ebiten struct {
	keys, down []ebiten.Key
	buttons    [numButtons]buttonTrack
	// lastRead is when the devices were last read.
	lastRead time.Time
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// ebitenButtons are Ebitengine's names for Left, Right and Middle.
var ebitenButtons = [numButtons]ebiten.MouseButton{ebiten.MouseButtonLeft, ebiten.MouseButtonRight, ebiten.MouseButtonMiddle}

// Next implements Source.
func (e *Ebiten) Next(tick int, _ Context) Input {
	var in Input
	in.Tick = tick
	x, y := ebiten.CursorPosition()
	in.X, in.Y = float64(x), float64(y)
	now := time.Now
	if e.Now != nil {
		now = e.Now
	}
	t := now()
	for b, eb := range ebitenButtons {
		bt := e.buttons[b].read(buttonRead{
			pressed:  inpututil.IsMouseButtonJustPressed(eb),
			released: inpututil.IsMouseButtonJustReleased(eb),
			// Down now: the last edge was a press (Ebitengine's
			// IsMouseButtonPressed is also true for a button pressed
			// and released within the tick).
			down: inpututil.MouseButtonPressDuration(eb) > 0,
		}, e.lastRead, t)
		in.Pressed[b], in.Held[b], in.Released[b] = bt.pressed, bt.held, bt.released
		if b == int(Left) && bt.released {
			in.HoldS, in.HoldErrS = bt.holdS, bt.holdErrS
		}
	}
	e.lastRead = t

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
	if in.Dropped == nil {
		in.Dropped = webfile.Chosen() // the browser's file chooser (Ctrl+O there)
	}
	in.Close = ebiten.IsWindowBeingClosed()
	return in
}
