package ui

// Working tools (issue 5): depth from the hold time of a click, stipple
// mode, and the eraser. The pointer code in update.go calls toolPointer
// once per tick, after panning, and clickPlace when a click is released.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/doc"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/session"
)

// Depth from hold time. A click's hold time stands in for the pressure of
// the needle (issue 5). domain.md §2 gives depth only as a relative state
// (shallow, on target, deep), so the mapping below is a *model
// assumption*, never a clinical fact:
//
//	hold <  ShallowBelowS              shallow: too quick a tap, fades
//	ShallowBelowS ≤ hold < DeepFromS   on target
//	hold ≥ DeepFromS                   deep: the dot blows out
//
// The hold is measured by the input source (input.Input.HoldS): the wall
// clock for the real mouse, so a slow frame does not change a click's
// depth, and the ticks for a script, so a replay gives the same depths
// anywhere (a recording keeps the measured holds). The real mouse is read
// once a frame, so a hold is known only to within the frames its press
// and release came in (input.Input.HoldErrS): when that range reaches
// into the on-target band, the click is taken as deliberate, on target,
// as one whose hold is not known at all is. At 60 frames a second the
// range is a sixtieth of a second either way; on a loaded machine whose
// frames take a third of a second it would otherwise call ordinary
// clicks deep or shallow by chance.
const (
	// ShallowBelowS is the shortest hold that lands on target: a
	// deliberate mouse click lasts some 60–150 ms, so a press released
	// within 40 ms (two ticks at 60 TPS) is a flick. *Model assumption.*
	ShallowBelowS = 0.04
	// DeepFromS is the hold from which a press goes deep: 0.4 s is well
	// past an ordinary click, so only a press that dwells does it.
	// *Model assumption.*
	DeepFromS = 0.4
)

// holdDepth maps a hold of s seconds to a depth (see ShallowBelowS).
func holdDepth(s float64) impression.Depth {
	switch {
	case s < ShallowBelowS:
		return impression.Shallow
	case s >= DeepFromS:
		return impression.Deep
	}
	return impression.Target
}

// holdDepthWithin is the depth of a hold measured as s ± errS seconds: on
// target when any hold in that range would be, else holdDepth(s).
func holdDepthWithin(s, errS float64) impression.Depth {
	if s+errS >= ShallowBelowS && s-errS < DeepFromS {
		return impression.Target
	}
	return holdDepth(s)
}

// depthWords is the toast shown after each click: what happened, and why;
// errS is how closely the hold s is known.
func depthWords(d impression.Depth, s, errS float64) string {
	// A deep hold is long: tenths say enough.
	prec := 2
	if d == impression.Deep {
		prec = 1
	}
	held := fmt.Sprintf("%.*f s", prec, s)
	if errS > roughTimingS {
		held = fmt.Sprintf("%.*f ± %.*f s (frames are slow: the hold is only roughly known)", prec, s, prec, errS)
	}
	switch d {
	case impression.Shallow:
		return fmt.Sprintf("shallow: will fade — tap held %s (hold at least %.2f s)", held, ShallowBelowS)
	case impression.Deep:
		return fmt.Sprintf("deep: blow-out — held %s (release before %.1f s)", held, DeepFromS)
	}
	return "on target — held " + held
}

// roughTimingS is how loosely a hold may be known before the toast says
// so: three frames.
const roughTimingS = 3.0 / TPS

// toastTicks is how long a depth toast stays: short, as one comes with
// every click.
const toastTicks = 3 * TPS / 2

// Stipple mode: holding the button and dragging places impressions at a
// steady rhythm, as a machine held against the skin does.
const (
	// DefaultStippleRate is the stipple rhythm in impressions per second.
	// *Model assumption*: a deliberate pace a trainee can steer, a few
	// dots a second; StippleRates are the steps , and . choose from.
	DefaultStippleRate = 4.0
	// StippleJitterMM is the standard deviation of the hand's wander
	// about the cursor, per axis: a tenth of the ~1 mm spacing of
	// finished work (domain.md §2). *Model assumption.*
	StippleJitterMM = 0.1
	// StippleRhythmJitter is the relative spread of the interval between
	// stipple impressions (uniform ±). *Model assumption.*
	StippleRhythmJitter = 0.15
	// stippleSeed seeds the jitter, so a replayed script is identical.
	stippleSeed = 0x5a17
)

// StippleRates are the stipple rhythms offered, impressions per second.
var StippleRates = []float64{1, 2, 3, 4, 6, 8, 12}

// EraserMinPx is the smallest eraser radius in logical pixels: the needle's
// radius can be a fraction of a pixel when zoomed out, which no hand can
// aim. A presentation choice.
const EraserMinPx = 5

// Tool is what a left press does.
type Tool int

// The tools.
const (
	// ToolClick places one impression per click (the default).
	ToolClick Tool = iota
	// ToolStipple places impressions at a rhythm while held.
	ToolStipple
	// ToolErase removes the impressions under the cursor.
	ToolErase
	// ToolLasso selects the impressions inside a dragged loop (lasso.go).
	ToolLasso
)

func (t Tool) String() string {
	switch t {
	case ToolStipple:
		return "stipple"
	case ToolErase:
		return "eraser"
	case ToolLasso:
		return "lasso"
	}
	return "click"
}

// toolState is the tools' part of the game.
type toolState struct {
	tool Tool
	// noDepth turns the hold-time mapping off: every click on target.
	noDepth bool
	rate    float64
	rng     *rand.Rand

	pressTick int
	// stroke is the stipple stroke or erase drag under way, or nil.
	stroke *stroke
	erase  *eraseCmd
	// next is the tick of the next stipple impression.
	next float64
	// lasso is the lasso's loop and selection (lasso.go).
	lasso lassoState
}

func (g *Game) toolsInit() {
	if g.tools.rng == nil {
		g.tools.rng = rand.New(rand.NewPCG(stippleSeed, 0x9e3779b97f4a7c15))
		g.tools.rate = DefaultStippleRate
	}
}

// Tool returns the current tool.
func (g *Game) Tool() Tool { return g.tools.tool }

// DepthFromHold reports whether a click's hold time sets its depth.
func (g *Game) DepthFromHold() bool { return !g.tools.noDepth }

// StippleRate returns the stipple rhythm in impressions per second.
func (g *Game) StippleRate() float64 {
	g.toolsInit()
	return g.tools.rate
}

// setTool makes t the tool, ending any stroke and clearing the lasso.
func (g *Game) setTool(t Tool) {
	g.toolsInit()
	g.endStroke()
	g.tools.lasso = lassoState{}
	g.tools.tool = t
	switch t {
	case ToolClick:
		g.info("Click tool: one impression per click")
	case ToolStipple:
		g.info("Stipple tool: hold and drag to place %g impressions a second (, and . change the rhythm)", g.tools.rate)
	case ToolErase:
		g.info("Eraser: click or drag to remove impressions under the ring (E again for the click tool)")
	case ToolLasso:
		g.info("Lasso: drag a loop around impressions, then Delete removes them (Shift+E again for the click tool)")
	}
}

// toggleTool makes t the tool, or goes back to the click tool when t is
// the tool already.
func (g *Game) toggleTool(t Tool) {
	if g.tools.tool == t {
		g.setTool(ToolClick)
		return
	}
	g.setTool(t)
}

// toggleDepth turns depth from hold time on or off.
func (g *Game) toggleDepth() {
	g.tools.noDepth = !g.tools.noDepth
	if g.tools.noDepth {
		g.info("Depth from hold time off: every click lands on target (pattern-only practice)")
	} else {
		g.info("Depth from hold time on: a quick click lands on target, under %.2f s shallow, from %.1f s deep", ShallowBelowS, DeepFromS)
	}
}

// stepRhythm makes the stipple rhythm one step slower (-1) or faster (+1).
func (g *Game) stepRhythm(dir int) {
	g.toolsInit()
	i := slices.Index(StippleRates, g.tools.rate)
	if i < 0 {
		i = slices.Index(StippleRates, DefaultStippleRate)
	}
	i = max(0, min(len(StippleRates)-1, i+dir))
	g.tools.rate = StippleRates[i]
	g.info("Stipple rhythm: %g impressions a second", g.tools.rate)
}

// toolPointer handles the left button for the stipple and erase tools; it
// reports whether it used the input (click mode leaves it to the click
// code, after noting when a press began).
func (g *Game) toolPointer(in *input.Input) bool {
	g.toolsInit()
	onChart := g.onCanvas(in.X, in.Y)
	if in.Pressed[input.Left] {
		g.tools.pressTick = g.tick
	}
	switch g.tools.tool {
	case ToolStipple:
		if in.Pressed[input.Left] && onChart {
			g.tools.stroke = &stroke{live: true}
			g.tools.next = float64(g.tick)
		}
		if st := g.tools.stroke; st != nil {
			if in.Held[input.Left] && onChart && float64(g.tick) >= g.tools.next {
				g.stippleOne(in.X, in.Y)
				iv := TPS / g.tools.rate
				g.tools.next += iv * (1 + StippleRhythmJitter*(2*g.tools.rng.Float64()-1))
			}
			if !in.Held[input.Left] {
				g.endStroke()
			}
		}
		return true
	case ToolErase:
		if in.Pressed[input.Left] && onChart {
			g.tools.erase = &eraseCmd{live: true}
		}
		if g.tools.erase != nil {
			if in.Pressed[input.Left] {
				g.eraseAt(in.X, in.Y)
			} else if in.Held[input.Left] || in.Released[input.Left] {
				g.eraseAlong(g.lastX, g.lastY, in.X, in.Y)
			}
			if !in.Held[input.Left] {
				g.endStroke()
			}
		}
		return true
	case ToolLasso:
		g.lassoPointer(in)
		return true
	}
	return false
}

// endStroke closes a stipple stroke or erase drag as one undoable edit.
func (g *Game) endStroke() {
	if st := g.tools.stroke; st != nil {
		g.tools.stroke = nil
		if len(st.ims) > 0 {
			g.doc.Do(st) // already applied: Do only records it
			g.changed()
			g.info("Stippled %s", plural(len(st.ims), "impression"))
		}
	}
	if e := g.tools.erase; e != nil {
		g.tools.erase = nil
		if n := e.count(); n > 0 {
			g.doc.Do(e)
			g.changed()
			g.info("Erased %s", plural(n, "impression"))
		}
	}
}

// newImpression returns an impression at chart point p with the current
// needle, in the current session, stamped with the session clock; ok is
// false (with a message) off the scalp.
func (g *Game) newImpression(p geom.Point) (impression.Impression, bool) {
	if g.doc.Len() >= impressionLimit {
		// Refused here, with the way on, rather than by a save that fails.
		g.error("This work holds %d impressions, the most a session file can hold: save it (Ctrl+S) and start new work (Ctrl+N) to go on", impressionLimit)
		return impression.Impression{}, false
	}
	if !g.doc.T.Outline.Contains(p) {
		// Off the chart there is no skin: a dot there could not even be
		// saved (session files refuse impressions far outside).
		g.info("That is off the scalp: impressions go on the chart")
		return impression.Impression{}, false
	}
	t := float64(g.tick-g.startTick) / TPS
	im := impression.New(p, g.needle, g.doc.Number, t)
	g.applyInk(&im) // shadepanel.go: the pigment and dilution picked
	return im, true
}

// impressionLimit is the most impressions one piece of work may hold: what
// a session file can (a variable only so a test need not build a million).
var impressionLimit = session.MaxImpressions

// holdS is how long the click released this tick was held: the source's
// measure when it has one (the real mouse: wall clock), else the ticks
// since the press (a script, whose ticks are its clock).
func (g *Game) holdS(in *input.Input) float64 {
	if in.HoldS > 0 || in.HoldS == input.HoldUnknown {
		return in.HoldS
	}
	return float64(g.tick-g.tools.pressTick) / TPS
}

// clickPlace places the impression of a click released this tick, pressed
// at screen pixel (x, y), at the depth its hold time gives.
func (g *Game) clickPlace(x, y float64, in *input.Input) {
	im, ok := g.newImpression(g.cam.ToMM(x+0.5, y+0.5))
	if !ok {
		return
	}
	hold := g.holdS(in)
	if !g.tools.noDepth && hold != input.HoldUnknown {
		// A click whose hold could not be measured (it fell inside one
		// slow frame) is taken as deliberate: on target.
		im.Depth = holdDepthWithin(hold, in.HoldErrS)
	}
	g.doc.Do(doc.Place{Im: im})
	g.changed()
	if !g.tools.noDepth && hold != input.HoldUnknown {
		g.msg, g.msgErr, g.msgUntil = depthWords(im.Depth, hold, in.HoldErrS), false, g.tick+toastTicks
	}
}

// stippleOne places one stipple impression near screen pixel (x, y).
func (g *Game) stippleOne(x, y float64) {
	p := g.cam.ToMM(x+0.5, y+0.5)
	r := g.tools.rng
	p = geom.Point{X: p.X + StippleJitterMM*r.NormFloat64(), Y: p.Y + StippleJitterMM*r.NormFloat64()}
	if !g.doc.T.Outline.Contains(p) {
		return // the rhythm goes on; nothing lands off the scalp
	}
	im, ok := g.newImpression(p)
	if !ok {
		return
	}
	g.doc.Append(im)
	g.tools.stroke.ims = append(g.tools.stroke.ims, im)
}

// eraserRadiusMM is how far from the cursor the eraser reaches: the
// needle's dot radius, at least EraserMinPx on screen.
func (g *Game) eraserRadiusMM() float64 {
	return math.Max(g.needle.DotDiameterMM()/2, g.ui(EraserMinPx)/g.cam.Scale)
}

// eraseAlong erases along the segment the pointer moved over since the
// last tick, in steps of half the eraser's radius, so a fast drag skips
// nothing between two ticks.
func (g *Game) eraseAlong(x0, y0, x1, y1 float64) {
	step := math.Max(1, g.eraserRadiusMM()*g.cam.Scale/2)
	n := int(math.Ceil(math.Hypot(x1-x0, y1-y0) / step))
	for i := 1; i <= n; i++ {
		f := float64(i) / float64(n)
		g.eraseAt(x0+(x1-x0)*f, y0+(y1-y0)*f)
	}
	if n == 0 {
		g.eraseAt(x1, y1)
	}
}

// eraseAt removes every impression whose disc meets the eraser's disc
// around screen pixel (x, y).
func (g *Game) eraseAt(x, y float64) {
	p := g.cam.ToMM(x+0.5, y+0.5)
	r := g.eraserRadiusMM()
	// Impressions are at most 0.65 mm across fresh (3RL 0.30).
	reach := r + 1
	var idx []int
	ims := g.doc.Impressions()
	g.doc.Query(geom.Rect{Min: geom.Point{X: p.X - reach, Y: p.Y - reach}, Max: geom.Point{X: p.X + reach, Y: p.Y + reach}}, func(i int) {
		if ims[i].Pos.Dist(p) <= r+ims[i].RadiusMM() {
			idx = append(idx, i)
		}
	})
	if len(idx) == 0 {
		return
	}
	slices.Sort(idx)
	removed := g.doc.RemoveAt(idx)
	g.tools.erase.batches = append(g.tools.erase.batches, eraseBatch{idx: idx, ims: removed})
}

// stroke is a stipple stroke: impressions appended while the button was
// held, recorded as one command when it comes up.
type stroke struct {
	ims []impression.Impression
	// live is true until the first Do, which only records the stroke:
	// its impressions are already in the document.
	live bool
}

// Do implements doc.Command.
func (s *stroke) Do(d *doc.Doc) {
	if s.live {
		s.live = false
		return
	}
	for _, im := range s.ims {
		d.Append(im)
	}
}

// Undo implements doc.Command.
func (s *stroke) Undo(d *doc.Doc) {
	for range s.ims {
		d.RemoveLast()
	}
}

// Name implements doc.Command.
func (s *stroke) Name() string { return fmt.Sprintf("stipple %d impressions", len(s.ims)) }

// eraseBatch is one tick's removal: indices in the list as it was then.
type eraseBatch struct {
	idx []int
	ims []impression.Impression
}

// eraseCmd is one erase drag: its removals in order.
type eraseCmd struct {
	batches []eraseBatch
	live    bool
}

func (e *eraseCmd) count() int {
	n := 0
	for _, b := range e.batches {
		n += len(b.idx)
	}
	return n
}

// Do implements doc.Command.
func (e *eraseCmd) Do(d *doc.Doc) {
	if e.live {
		e.live = false
		return
	}
	for _, b := range e.batches {
		d.RemoveAt(b.idx)
	}
}

// Undo implements doc.Command.
func (e *eraseCmd) Undo(d *doc.Doc) {
	for i := len(e.batches) - 1; i >= 0; i-- {
		d.InsertAt(e.batches[i].idx, e.batches[i].ims)
	}
}

// Name implements doc.Command.
func (e *eraseCmd) Name() string { return fmt.Sprintf("erase %d impressions", e.count()) }

// toolStatus is the tools' part of the status line: nothing for the
// default click tool with depth on, as the line is long already.
func (g *Game) toolStatus() string {
	s := ""
	if g.tools.tool != ToolClick {
		s = "   " + g.tools.tool.String()
	}
	if g.tools.tool == ToolStipple {
		s += fmt.Sprintf(" %g/s", g.StippleRate())
	}
	if g.tools.noDepth {
		s += "   depth off"
	}
	return s + g.lassoStatus()
}

// cursorRadiusMM is the radius of the cursor's ring: the eraser's reach,
// or the needle's dot.
func (g *Game) cursorRadiusMM() float64 {
	if g.tools.tool == ToolErase {
		return g.eraserRadiusMM()
	}
	return g.needle.DotDiameterMM() / 2
}
