package ui

import (
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/keymap"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/impression"
)

// toolbar is the strip of buttons along the top of the window: one for
// every keymap row with an Icon, in the table's order, so the mouse
// reaches everything that matters. A button shows its vector icon
// (icons.go) or, where a picture would be ambiguous, its words; hovering
// shows the row's name, help and key; a button that is on (the current
// tool, an open panel) is lit. The strip is always one row, so it never
// eats a small window: the buttons that do not fit go into a "More" menu
// at its right end, listed with their words and keys.
type toolbar struct {
	g *Game
	// buttons are the laid-out buttons; bounds is the whole strip. The
	// first shown are on the strip, the rest in the More menu.
	buttons []toolButton
	shown   int
	bounds  scene.Rect
	// more is the More button (empty when everything fits), menu the
	// open menu's box (empty when closed).
	more     scene.Rect
	menuOpen bool
	menu     scene.Rect
	// hover is the button under the pointer, or -1; moreHover is set when
	// it is the More button.
	hover     int
	moreHover bool
	// icons holds the icons drawn once (iconcache.go).
	icons iconCache
}

// toolButton is one button: its action, whether it shows an icon, and
// its place (on the strip, or its row in the More menu).
type toolButton struct {
	b    keymap.Binding
	icon bool
	r    scene.Rect
}

func newToolbar(g *Game) *toolbar {
	t := &toolbar{g: g, hover: -1}
	for _, b := range keymap.Table {
		if b.Icon != "" {
			_, icon := toolIcons[b.Action]
			t.buttons = append(t.buttons, toolButton{b: b, icon: icon})
		}
	}
	return t
}

// Open implements scene.Panel.
func (t *toolbar) Open() bool { return true }

// moreLabel is the More button's words.
const moreLabel = "More »"

// Layout implements scene.Panel: the buttons flow left to right along the
// top of area in one row; those that do not fit go into the More menu.
func (t *toolbar) Layout(area scene.Rect) scene.Rect {
	g := t.g
	f := g.small
	pad, gap := g.ui(8), g.ui(3)
	h := math.Ceil(f.Size*1.3 + 2*g.ui(5))
	width := func(b *toolButton) float64 {
		if b.icon {
			return h
		}
		return math.Ceil(measure(b.b.Icon, f) + 2*pad)
	}
	moreW := math.Ceil(measure(moreLabel, f) + 2*pad)
	total := gap
	for i := range t.buttons {
		total += width(&t.buttons[i]) + gap
	}
	room := area.W
	if total > room {
		room -= moreW + gap // keep room for More
	}
	x, y := area.X+gap, area.Y+gap
	t.shown = len(t.buttons)
	for i := range t.buttons {
		w := width(&t.buttons[i])
		if x+w+gap > area.X+room {
			t.shown = i
			break
		}
		t.buttons[i].r = scene.Rect{X: x, Y: y, W: w, H: h}
		x += w + gap
	}
	t.more, t.menu = scene.Rect{}, scene.Rect{}
	if t.shown < len(t.buttons) {
		t.more = scene.Rect{X: area.Right() - gap - moreW, Y: y, W: moreW, H: h}
		t.layoutMenu(h)
	} else {
		t.menuOpen = false
	}
	t.bounds = scene.Rect{X: area.X, Y: area.Y, W: area.W, H: h + 2*gap}
	return t.bounds
}

// layoutMenu places the More menu's rows under the More button, as many
// columns as the window's height needs.
func (t *toolbar) layoutMenu(h float64) {
	g := t.g
	f := g.small
	rest := t.buttons[t.shown:]
	rowW := 0.0
	for _, b := range rest {
		rowW = math.Max(rowW, h+g.ui(6)+measure(menuLabel(b.b), f)+g.ui(12))
	}
	top := t.more.Bottom() + g.ui(3)
	perCol := max(1, int((float64(g.h-g.statusHeight())-top-g.ui(8))/h))
	cols := (len(rest) + perCol - 1) / perCol
	rows := min(len(rest), perCol)
	w := float64(cols) * rowW
	x := math.Max(0, t.more.Right()-w)
	for i := range rest {
		c, r := i/perCol, i%perCol
		rest[i].r = scene.Rect{X: x + float64(c)*rowW, Y: top + float64(r)*h, W: rowW, H: h}
	}
	t.menu = scene.Rect{X: x, Y: top, W: w, H: float64(rows) * h}
}

// menuLabel is a button's words in the More menu: its name and key.
func menuLabel(b keymap.Binding) string {
	if k := b.KeyLabel(); k != "" {
		return b.Icon + "   " + k
	}
	return b.Icon
}

// Height is the strip's height at the last layout.
func (t *toolbar) Height() float64 { return t.bounds.H }

// Update implements scene.Panel: a press on a button does its action; on
// More it opens or closes the menu; anywhere else it closes the menu (and
// is taken, so closing the menu never places a dot).
func (t *toolbar) Update(in *input.Input) bool {
	t.hover, t.moreHover = -1, false
	onMenu := t.menuOpen && t.menu.Contains(in.X, in.Y)
	if !t.bounds.Contains(in.X, in.Y) && !onMenu {
		if t.menuOpen && (in.Pressed[input.Left] || in.Pressed[input.Right]) {
			t.menuOpen = false
			return true
		}
		return false
	}
	if t.more.Contains(in.X, in.Y) {
		t.moreHover = true
		if in.Pressed[input.Left] {
			t.menuOpen = !t.menuOpen
		}
		return true
	}
	for i, b := range t.buttons {
		if i >= t.shown && !t.menuOpen {
			break
		}
		if b.r.Contains(in.X, in.Y) {
			t.hover = i
			if in.Pressed[input.Left] {
				t.menuOpen = false
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
		return g.review() != nil
	case keymap.Mapping:
		return g.mapping != nil
	}
	return false
}

// Draw implements scene.Panel: the strip, the buttons, the More menu
// when open and the hovered button's tooltip.
func (t *toolbar) Draw(screen *ebiten.Image) {
	g := t.g
	r := t.bounds
	// Under a layer the strip gets no pointer, so its last hover is
	// stale: no highlight, no tooltip over the layer.
	hover := t.hover
	if g.scenes.Modal() {
		hover = -1
	}
	fillRect(screen, float32(r.X), float32(r.Y), float32(r.W), float32(r.H), barColour)
	f := g.small
	if t.menuOpen {
		m := t.menu
		fillRect(screen, float32(m.X), float32(m.Y), float32(m.W), float32(m.H), panelColour)
	}
	for i, b := range t.buttons {
		inMenu := i >= t.shown
		if inMenu && !t.menuOpen {
			break
		}
		bg := tileColour
		switch {
		case g.active(b.b.Action):
			bg = selColour
		case i == hover:
			bg = hoverColour
		case inMenu:
			bg = panelColour
		}
		fillRect(screen, float32(b.r.X), float32(b.r.Y), float32(b.r.W), float32(b.r.H), bg)
		ty := b.r.Y + (b.r.H-f.Size*1.2)/2
		x := b.r.X + g.ui(8)
		if b.icon {
			s := math.Round(b.r.H * 0.62)
			if t.icons == nil {
				t.icons = iconCache{}
			}
			t.icons.draw(screen, b.b.Action, math.Round(b.r.X+(b.r.H-s)/2), math.Round(b.r.Y+(b.r.H-s)/2), s, math.Max(1.2, b.r.H/14))
			x = b.r.X + b.r.H + g.ui(6)
			if !inMenu {
				continue
			}
		}
		label := b.b.Icon
		if inMenu {
			label = menuLabel(b.b)
		}
		drawText(screen, label, f, x, ty, textColour)
	}
	if !t.more.Empty() {
		bg := tileColour
		if t.menuOpen || t.moreHover {
			bg = hoverColour
		}
		m := t.more
		fillRect(screen, float32(m.X), float32(m.Y), float32(m.W), float32(m.H), bg)
		drawText(screen, moreLabel, f, m.X+g.ui(8), m.Y+(m.H-f.Size*1.2)/2, textColour)
	}
	if hover >= 0 && hover < t.shown {
		b := t.buttons[hover]
		tip := b.b.Tooltip()
		if b.icon {
			tip = iconTip(b.b.Icon, tip)
		}
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

// iconTip is the tooltip of an icon button named name: the tip led by the
// name, as the button shows no words, unless the tip starts with the name
// already ("exercises: pick one…" under Exercises), which then only gets
// its capital.
func iconTip(name, tip string) string {
	if len(tip) >= len(name) && strings.EqualFold(tip[:len(name)], name) {
		return name + tip[len(name):]
	}
	return name + ": " + tip
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
