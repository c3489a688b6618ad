package ui

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/keymap"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/impression"
)

// toolbar is the strip of buttons along the top of the window: one for
// every keymap row with an Icon, in the table's order, so the mouse
// reaches everything that matters. Hovering shows the row's help and key;
// a button that is on (the current tool, an open panel) is lit. The
// buttons wrap onto more rows when the window is narrow.
type toolbar struct {
	g *Game
	// buttons are the laid-out buttons; bounds is the whole strip.
	buttons []toolButton
	bounds  scene.Rect
	// hover is the button under the pointer, or -1.
	hover int
}

// toolButton is one button: its action, label and place.
type toolButton struct {
	b keymap.Binding
	r scene.Rect
}

func newToolbar(g *Game) *toolbar {
	t := &toolbar{g: g, hover: -1}
	for _, b := range keymap.Table {
		if b.Icon != "" {
			t.buttons = append(t.buttons, toolButton{b: b})
		}
	}
	return t
}

// Open implements scene.Panel.
func (t *toolbar) Open() bool { return true }

// Layout implements scene.Panel: the buttons flow left to right along the
// top of area, wrapping as needed.
func (t *toolbar) Layout(area scene.Rect) scene.Rect {
	g := t.g
	f := g.small
	pad, gap := g.ui(8), g.ui(3)
	h := math.Ceil(f.Size*1.3 + 2*g.ui(5))
	x, y := area.X+gap, area.Y+gap
	for i := range t.buttons {
		w := math.Ceil(measure(t.buttons[i].b.Icon, f) + 2*pad)
		if x+w > area.Right()-gap && x > area.X+gap {
			x, y = area.X+gap, y+h+gap
		}
		t.buttons[i].r = scene.Rect{X: x, Y: y, W: w, H: h}
		x += w + gap
	}
	t.bounds = scene.Rect{X: area.X, Y: area.Y, W: area.W, H: y + h + gap - area.Y}
	return t.bounds
}

// Height is the strip's height at the last layout.
func (t *toolbar) Height() float64 { return t.bounds.H }

// Update implements scene.Panel.
func (t *toolbar) Update(in *input.Input) bool {
	t.hover = -1
	if !t.bounds.Contains(in.X, in.Y) {
		return false
	}
	for i, b := range t.buttons {
		if b.r.Contains(in.X, in.Y) {
			t.hover = i
			if in.Pressed[input.Left] {
				t.g.do(b.b.Action, in)
			}
		}
	}
	return true
}

// active reports whether the button of action a is "on".
func (g *Game) active(a keymap.Action) bool {
	switch a {
	case keymap.ToolClick:
		return g.tools.tool == ToolClick
	case keymap.ToolStipple:
		return g.tools.tool == ToolStipple
	case keymap.ToolErase:
		return g.tools.tool == ToolErase
	case keymap.ToolLasso:
		return g.tools.tool == ToolLasso
	case keymap.Needle1RL:
		return g.needle.Grouping == impression.RL1
	case keymap.Needle3RL:
		return g.needle.Grouping == impression.RL3
	case keymap.Shade:
		return g.panels.shadeOpen
	case keymap.Score:
		return g.panels.score.open
	case keymap.DensityMap:
		return g.panels.heat.on
	case keymap.Markers:
		return g.panels.markers
	case keymap.Profile:
		return g.profile.open
	case keymap.Expert:
		return g.panels.expert.on
	case keymap.Split:
		return g.panels.split.on
	case keymap.Grid:
		return g.panels.grid.on
	case keymap.Review:
		return g.tools.review != nil
	case keymap.Mapping:
		return g.mapping != nil
	}
	return false
}

// Draw implements scene.Panel: the strip, the buttons and the hovered
// button's tooltip.
func (t *toolbar) Draw(screen *ebiten.Image) {
	g := t.g
	r := t.bounds
	fillRect(screen, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), barColour)
	f := g.small
	for i, b := range t.buttons {
		bg := tileColour
		switch {
		case g.active(b.b.Action):
			bg = selColour
		case i == t.hover:
			bg = hoverColour
		}
		fillRect(screen, float32(b.r.X), float32(b.r.Y), float32(b.r.W), float32(b.r.H), bg)
		drawText(screen, b.b.Icon, f, b.r.X+g.ui(8), b.r.Y+(b.r.H-f.Size*1.2)/2, textColour)
	}
	if t.hover >= 0 {
		b := t.buttons[t.hover]
		tip := b.b.Tooltip()
		lines := wrap(tip, f, math.Min(g.ui(420), float64(g.w)-2*g.ui(10)))
		lh := f.Size * 1.35
		w := 0.0
		for _, l := range lines {
			w = math.Max(w, measure(l, f))
		}
		pad := g.ui(6)
		x := math.Max(g.ui(4), math.Min(b.r.X, float64(g.w)-w-2*pad-g.ui(4)))
		y := b.r.Bottom() + g.ui(4)
		fillRect(screen, float32(x), float32(y), float32(w+2*pad), float32(float64(len(lines))*lh+2*pad), tooltipColour)
		for i, l := range lines {
			drawText(screen, l, f, x+pad, y+pad+float64(i)*lh, textColour)
		}
	}
}

// Button returns the screen rectangle of action a's toolbar button (for
// tests and scripts), and false when it has none.
func (g *Game) Button(a keymap.Action) (scene.Rect, bool) {
	for _, b := range g.toolbar.buttons {
		if b.b.Action == a {
			return b.r, true
		}
	}
	return scene.Rect{}, false
}
