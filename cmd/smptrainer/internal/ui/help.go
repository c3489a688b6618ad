package ui

import (
	"fmt"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/keymap"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
)

// Keys lists every shortcut as (keys, what they do), for the help
// overlay: the rows of the one keymap table.
var Keys = helpKeys()

func helpKeys() [][2]string {
	rows := make([][2]string, len(keymap.Table))
	for i, b := range keymap.Table {
		rows[i] = [2]string{b.KeyLabel(), b.Help}
	}
	return rows
}

// helpLayer is the key list (F1): a modal layer over whatever is open,
// scrolled by scroll device pixels.
type helpLayer struct {
	g      *Game
	scroll float64
}

// helpOpen returns the open help layer, or nil.
func (g *Game) helpOpen() *helpLayer {
	if h, ok := scene.Find[*helpLayer](g.scenes); ok {
		return h
	}
	return nil
}

// toggleHelp is bound to F1 and "?".
func (g *Game) toggleHelp() {
	if h := g.helpOpen(); h != nil {
		g.scenes.Close(h)
		return
	}
	g.push(&helpLayer{g: g})
}

// Update implements scene.Scene.
func (h *helpLayer) Update(in *input.Input) { h.input(in) }

// Draw implements scene.Scene.
func (h *helpLayer) Draw(screen *ebiten.Image) { h.draw(screen) }

// helpRow is one shortcut placed by helpLayout: its key and description,
// wrapped, with the top-left corner of the key text in content
// coordinates (before scrolling) and the row's size.
type helpRow struct {
	key, desc []string
	x, y      float64
	w, h      float64
}

// helpLayout is where the help overlay puts everything. Rows are in
// content coordinates: a row is drawn at y - scroll, and only when it lies
// wholly inside the viewport [viewTop, viewBottom).
type helpLayout struct {
	// Panel is the overlay's box on the screen.
	panelX, panelY, panelW, panelH float64
	pad, lineH, keyW               float64
	brief                          []string
	// viewTop and viewBottom bound the scrolled rows on the screen.
	viewTop, viewBottom float64
	rows                []helpRow
	// maxScroll is how far the rows can scroll (0: everything fits).
	maxScroll float64
	cols      int
}

// helpMinColW is the narrowest column worth laying out, in logical
// pixels: narrower, the descriptions wrap into too many lines to read.
const helpMinColW = 380

// helpKeyMaxW caps the key column, in logical pixels; longer key labels
// wrap.
const helpKeyMaxW = 170

// helpLayout lays the Keys table out in as few columns as fit the window
// (more columns when the window is too short), wrapping long keys and
// descriptions, and scrolling when even the most columns do not fit.
func (g *Game) helpLayout() helpLayout {
	g.small.Size = g.ui(13)
	g.face.Size = g.ui(15)
	var L helpLayout
	L.pad = g.ui(14)
	L.lineH = g.small.Size * 1.4
	W, H := float64(g.w), float64(g.h)
	top := g.ui(34)                                   // below the title bar
	bottom := H - float64(g.statusHeight()) - g.ui(6) // above the status line
	availW := W - 2*g.ui(10)
	footH := L.lineH // the "scroll" / "any key closes" hint
	maxCols := max(1, int((availW-L.pad)/(g.ui(helpMinColW)+L.pad)))
	var headH float64
	// Try the brief in full, then (when the keys need the room) its title
	// alone: the F2 list shows the brief too.
	for _, fullBrief := range []bool{true, false} {
		for cols := 1; cols <= maxCols; cols++ {
			L.layoutRows(g, cols, availW)
			// The brief spans the panel's width.
			L.brief = nil
			if g.ex != nil {
				L.brief = []string{g.ex.Title}
				if fullBrief {
					L.brief = append(L.brief, wrap(g.ex.Brief, g.small, L.panelW-2*L.pad)...)
				} else {
					L.brief[0] += " (F2 shows the brief)"
				}
			}
			headH = g.face.Size*1.6 + float64(len(L.brief))*L.lineH
			if len(L.brief) > 0 {
				headH += L.lineH / 2
			}
			if headH+L.columnsHeight()+footH+2*L.pad <= bottom-top {
				break
			}
		}
		if headH+L.columnsHeight()+footH+2*L.pad <= bottom-top {
			break
		}
	}
	colsH := L.columnsHeight()
	L.panelH = math.Min(headH+colsH+footH+2*L.pad, bottom-top)
	L.panelY = math.Max(top, (H-L.panelH)/2)
	if L.panelY+L.panelH > bottom {
		L.panelY = top
	}
	L.panelX = (W - L.panelW) / 2
	for i := range L.rows {
		L.rows[i].x += L.panelX
	}
	L.viewTop = L.panelY + L.pad + headH
	L.viewBottom = L.panelY + L.panelH - L.pad - footH
	for i := range L.rows {
		L.rows[i].y += L.viewTop
	}
	L.maxScroll = math.Max(0, colsH-(L.viewBottom-L.viewTop))
	return L
}

// layoutRows wraps and places the rows in cols columns of equal width,
// filling each column in order until it holds its share of the height.
// Positions are relative to the panel's left and the first row's top.
func (L *helpLayout) layoutRows(g *Game, cols int, availW float64) {
	colW := math.Min((availW-L.pad*float64(cols+1))/float64(cols), g.ui(760))
	L.cols = cols
	L.panelW = colW*float64(cols) + L.pad*float64(cols+1)
	keyW := 0.0
	for _, k := range Keys {
		w, _ := text.Measure(k[0], g.small, 0)
		keyW = math.Max(keyW, w)
	}
	L.keyW = math.Min(keyW, math.Min(g.ui(helpKeyMaxW), colW*0.4))
	descW := colW - L.keyW - L.pad/2
	L.rows = L.rows[:0]
	total := 0.0
	for _, k := range Keys {
		r := helpRow{key: wrap(k[0], g.small, L.keyW), desc: wrap(k[1], g.small, descW), w: colW}
		r.h = float64(max(len(r.key), len(r.desc)))*L.lineH + L.lineH*0.2
		total += r.h
		L.rows = append(L.rows, r)
	}
	// The shortest columns that hold every row in order: grow the
	// column height from an even share until a greedy fill needs no more
	// than cols columns.
	capH := total / float64(cols)
	for fill(L.rows, capH) > cols {
		capH += L.lineH / 4
	}
	col, y := 0, 0.0
	for i := range L.rows {
		r := &L.rows[i]
		if y > 0 && y+r.h > capH+1e-9 {
			col++
			y = 0
		}
		r.x = L.pad + float64(col)*(colW+L.pad)
		r.y = y
		y += r.h
	}
}

// fill is how many columns of height capH the rows need, filled in order.
func fill(rows []helpRow, capH float64) int {
	n, y := 1, 0.0
	for _, r := range rows {
		if y > 0 && y+r.h > capH+1e-9 {
			n++
			y = 0
		}
		y += r.h
	}
	return n
}

// columnsHeight is the height of the tallest column.
func (L *helpLayout) columnsHeight() float64 {
	h := 0.0
	for _, r := range L.rows {
		h = math.Max(h, r.y+r.h)
	}
	return h
}

// visible reports whether row r is drawn at scroll offset s: wholly inside
// the viewport.
func (L *helpLayout) visible(r helpRow, s float64) bool {
	return r.y-s >= L.viewTop-0.5 && r.y-s+r.h <= L.viewBottom+0.5
}

// scrollBy moves the help rows by dy device pixels, within bounds.
func (h *helpLayer) scrollBy(dy float64) {
	L := h.g.helpLayout()
	h.scroll = math.Max(0, math.Min(L.maxScroll, h.scroll+dy))
}

// helpInput handles input while help is up: the wheel, arrows and page
// keys scroll it; any other key or a click closes it.
func (h *helpLayer) input(in *input.Input) {
	g := h.g
	closeHelp := func() { g.scenes.Close(h) }
	if in.WheelY != 0 {
		h.scrollBy(-in.WheelY * g.ui(40))
	}
	for _, k := range in.Keys {
		switch k {
		case ebiten.KeyDown:
			h.scrollBy(g.ui(40))
		case ebiten.KeyUp:
			h.scrollBy(-g.ui(40))
		case ebiten.KeyPageDown, ebiten.KeySpace:
			h.scrollBy(float64(g.h) / 2)
		case ebiten.KeyPageUp:
			h.scrollBy(-float64(g.h) / 2)
		case ebiten.KeyHome:
			h.scroll = 0
		case ebiten.KeyEnd:
			h.scrollBy(math.Inf(1))
		case ebiten.KeyShift, ebiten.KeyShiftLeft, ebiten.KeyShiftRight,
			ebiten.KeyControl, ebiten.KeyControlLeft, ebiten.KeyControlRight:
			// A modifier alone (the Shift of "?") does nothing.
		default:
			closeHelp()
		}
	}
	if in.Pressed[input.Left] {
		closeHelp()
	}
}

// draw draws the shortcut list and the exercise brief.
func (h *helpLayer) draw(screen *ebiten.Image) {
	g := h.g
	L := g.helpLayout()
	// The offset within the layout's range (the window may have shrunk
	// since the last scroll), without changing it: drawing has no side
	// effects.
	scroll := math.Max(0, math.Min(L.maxScroll, h.scroll))
	fillRect(screen, float32(L.panelX), float32(L.panelY), float32(L.panelW), float32(L.panelH), layerColour)
	x, y := L.panelX+L.pad, L.panelY+L.pad
	drawText(screen, "Keys", g.face, x, y, textColour)
	y += g.face.Size * 1.6
	for i, l := range L.brief {
		c := dimColour
		if i == 0 {
			c = textColour
		}
		drawText(screen, l, g.small, x, y, c)
		y += L.lineH
	}
	for _, r := range L.rows {
		if !L.visible(r, scroll) {
			continue
		}
		ry := r.y - scroll
		for i, l := range r.key {
			drawText(screen, l, g.small, r.x, ry+float64(i)*L.lineH, textColour)
		}
		for i, l := range r.desc {
			drawText(screen, l, g.small, r.x+L.keyW+L.pad/2, ry+float64(i)*L.lineH, dimColour)
		}
	}
	hint := "Any key or a click closes this"
	if L.maxScroll > 0 {
		hint = "Wheel, ↑/↓, Page Up/Down scroll · any other key or a click closes this"
	}
	drawText(screen, hint, g.small, x, L.viewBottom, dimColour)
}

// drawScaleBar draws a bar of a round length in mm above the status line,
// so the true scale can be checked with a ruler held to the screen.
func (g *Game) drawScaleBar(screen *ebiten.Image) {
	mm := 10.0
	for _, c := range []float64{1, 2, 5, 10, 20, 50, 100} {
		mm = c
		if c*g.cam.Scale >= g.ui(60) {
			break
		}
	}
	l := mm * g.cam.Scale
	x := g.ui(14)
	y := float64(g.h-g.statusHeight()) - g.ui(16)
	sw := float32(g.ui(2))
	fillRect(screen, float32(x-g.ui(6)), float32(y-g.ui(26)), float32(l+g.ui(12)), float32(g.ui(34)), barColour)
	hline(screen, float32(x), float32(x+l), float32(y), sw, textColour)
	vline(screen, float32(x), float32(y-g.ui(5)), float32(y+g.ui(1)), sw, textColour)
	vline(screen, float32(x+l), float32(y-g.ui(5)), float32(y+g.ui(1)), sw, textColour)
	drawText(screen, fmt.Sprintf("%.0f mm", mm), g.small, x, y-g.ui(24), textColour)
}
