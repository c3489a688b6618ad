package scene

import (
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// Scene is one layer of the window: the chart editor at the bottom, modal
// layers over it.
type Scene interface {
	// Update applies one tick's input. Only the top scene is updated.
	Update(in *input.Input)
	// Draw draws the scene; it must not change state.
	Draw(screen *ebiten.Image)
}

// Opaque is implemented by scenes that cover the whole window, so the
// scenes beneath need not be drawn.
type Opaque interface {
	Opaque() bool
}

// Manager holds the stack of scenes: the base scene and the modal layers
// opened over it, in order.
type Manager struct {
	stack []Scene
	// changed is set whenever a scene is opened or closed, so the game
	// knows to redraw.
	changed bool
}

// NewManager returns a manager with base as its bottom scene.
func NewManager(base Scene) *Manager { return &Manager{stack: []Scene{base}} }

// Push opens s over the current scenes.
func (m *Manager) Push(s Scene) {
	m.stack = append(m.stack, s)
	m.changed = true
}

// Close removes s, wherever it is in the stack; the base scene stays.
func (m *Manager) Close(s Scene) {
	i := slices.Index(m.stack, s)
	if i <= 0 {
		return
	}
	m.stack = slices.Delete(m.stack, i, i+1)
	m.changed = true
}

// Top returns the scene input goes to.
func (m *Manager) Top() Scene { return m.stack[len(m.stack)-1] }

// Depth is how many scenes are open, the base included.
func (m *Manager) Depth() int { return len(m.stack) }

// Modal reports whether a layer is open over the base scene.
func (m *Manager) Modal() bool { return len(m.stack) > 1 }

// Find returns the open scene of type T, if any.
func Find[T Scene](m *Manager) (T, bool) {
	for i := len(m.stack) - 1; i >= 0; i-- {
		if s, ok := m.stack[i].(T); ok {
			return s, true
		}
	}
	var zero T
	return zero, false
}

// Update gives in to the top scene.
func (m *Manager) Update(in *input.Input) { m.Top().Update(in) }

// Draw draws the scenes from the top-most opaque one up.
func (m *Manager) Draw(screen *ebiten.Image) {
	start := 0
	for i := len(m.stack) - 1; i > 0; i-- {
		if o, ok := m.stack[i].(Opaque); ok && o.Opaque() {
			start = i
			break
		}
	}
	for _, s := range m.stack[start:] {
		s.Draw(screen)
	}
}

// TakeChanged reports whether a scene was opened or closed since the last
// call.
func (m *Manager) TakeChanged() bool {
	c := m.changed
	m.changed = false
	return c
}
