package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// Keys lists every shortcut, for the help overlay and the README.
var Keys = [][2]string{
	{"Left click", "place one impression with the current needle"},
	{"Wheel, + / −", "zoom about the cursor"},
	{"0 or Home", "zoom 1:1: true size (96 dpi per logical pixel assumed)"},
	{"F", "fit the whole template in the window"},
	{"Right or middle drag, Space + left drag", "pan"},
	{"1 / 3", "needle grouping 1RL / 3RL"},
	{"[ / ]", "needle gauge 0.20 / 0.25 / 0.30 mm"},
	{"Hold the click", "depth: a quick click lands on target; under 0.04 s shallow, from 0.4 s deep (model)"},
	{"D", "depth from hold time on / off (off: every click on target, for pattern-only practice)"},
	{"T", "stipple mode on / off: hold and drag to place impressions at a steady rhythm"},
	{", / .", "stipple rhythm slower / faster (impressions per second)"},
	{"E", "eraser on / off: click or drag removes impressions under the ring"},
	{"Shift+E, then Delete", "lasso on / off: drag a loop to select impressions; Delete or Backspace removes them, Esc clears"},
	{"Ctrl+H", "finish (heal) the session: its dots show healed, the next session starts"},
	{"Ctrl+E / Ctrl+Shift+E", "export a PNG of the view at 2× / 4× with the score card"},
	{"Ctrl+Z", "undo (unlimited)"},
	{"Ctrl+Shift+Z or Ctrl+Y", "redo"},
	{"Ctrl+S", "save (to the file named on the command line, or a new file in the sessions folder)"},
	{"Ctrl+O", "open one of the recent sessions"},
	{"Ctrl+N", "start new work on the same exercise"},
	{"F2", "exercises: pick one (brief and best score shown) to start new work on it"},
	{"F3", "review: replay the work in placement order with a timeline (Enter play/pause, ←/→ step, ↑/↓ speed, drag the bar, Esc leave)"},
	{"Drop a file on the window", "open it"},
	{"Ctrl+R", "bring back unsaved work (kept when you open another file, or autosaved by a run that ended)"},
	{"Z / H / L", "show or hide zones / design hairline / landmarks"},
	{"P", "preview the impressions fresh / healed / aged 5 years"},
	{"C", "shade panel: pigment × dilution swatches on the client's skin, ranked by healed ΔE00 to the hair target; click one to load it"},
	{"B / ; / '", "load the best-matching ink / one dilution step darker / lighter"},
	{"S", "live score panel; click a criterion to mark its problem places on the chart"},
	{"M", "density map against the session's target (blue too sparse, red too dense)"},
	{"G", "gap and clump markers"},
	{"X", "show an expert example over the work (blue dots), to compare"},
	{"F1 or ?", "this help"},
	{"Esc", "close help, lists and messages"},
}

// toggleHelp is bound to F1 and "?".
func (g *Game) toggleHelp() { g.help = !g.help }

// drawHelp draws the shortcut list and the exercise brief.
func (g *Game) drawHelp(screen *ebiten.Image) {
	var b strings.Builder
	if g.ex != nil {
		fmt.Fprintf(&b, "%s\n", g.ex.Title)
		for _, l := range wrap(g.ex.Brief, g.small, g.ui(560)) {
			fmt.Fprintf(&b, "%s\n", l)
		}
		b.WriteString("\n")
	}
	brief := b.String()
	keyW := 0.0
	for _, k := range Keys {
		w, _ := text.Measure(k[0], g.small, 0)
		keyW = math.Max(keyW, w)
	}
	lineH := g.small.Size * 1.5
	pad := g.ui(14)
	_, briefH := text.Measure(brief, g.small, lineH)
	if brief == "" {
		briefH = 0
	}
	descW := 0.0
	for _, k := range Keys {
		w, _ := text.Measure(k[1], g.small, 0)
		descW = math.Max(descW, w)
	}
	w := math.Min(float64(g.w)-2*pad, keyW+descW+3*pad)
	h := briefH + lineH*float64(len(Keys)+1) + 2*pad
	x0 := (float64(g.w) - w) / 2
	y0 := math.Max(g.ui(40), (float64(g.h)-h)/2)
	fillRect(screen, float32(x0), float32(y0), float32(w), float32(h), barColour)
	y := y0 + pad
	drawText(screen, "Keys", g.face, x0+pad, y, textColour)
	y += lineH
	if brief != "" {
		drawText(screen, brief, g.small, x0+pad, y, dimColour)
		y += briefH
	}
	for _, k := range Keys {
		drawText(screen, k[0], g.small, x0+pad, y, textColour)
		drawText(screen, k[1], g.small, x0+2*pad+keyW, y, dimColour)
		y += lineH
	}
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
