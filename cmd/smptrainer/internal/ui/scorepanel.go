package ui

// The live score panel (issue 4, "Live feedback in the trainer"): the
// overall score and every criterion's score, value and feedback, kept up to
// date with score.Live as impressions come and go. Clicking a criterion
// marks its problem locations on the canvas.

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/doc"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/score"
)

// reportEveryTicks is the shortest time between two score reports while
// impressions change: 5 a second reads as live, and a report at 100,000
// impressions (about 0.3 ms, plus the panel's text) never piles up.
const reportEveryTicks = TPS / 5

// scoreState is the live grade of the document.
type scoreState struct {
	open bool
	// live is built on first need from the document; ids[i] is the Live
	// id of the document's impression i.
	live *score.Live
	ids  []int
	// grader is the document template's (Game.grader), kept across
	// documents on the same template.
	grader *score.Grader
	// dirty: the impressions changed since report was made.
	dirty      bool
	report     *score.Report
	reportTick int
	// sel is the criterion whose markers show on the canvas ("" none).
	sel string
	// area is where the panel may go (scene.Panel.Layout); scroll is the
	// criteria list's scroll state, so every criterion can be reached at
	// any UI size.
	area   scene.Rect
	scroll scene.Scroller
}

// weights are the current exercise's criterion weights (nil: defaults).
func (g *Game) weights() score.Weights {
	if g.ex != nil && g.ex.Weights != nil {
		return score.Weights(g.ex.Weights)
	}
	return nil
}

// panelsNewDoc is called by setDoc: the panels follow the new document.
func (g *Game) panelsNewDoc() {
	s := &g.panels.score
	s.live, s.ids, s.report, s.dirty, s.sel = nil, nil, nil, true, ""
	g.panels.heat.dirty = true
	g.doc.Listen(g.panelsChanged)
}

// panelsChanged keeps the live grade in step with the document, touching
// only the changed impression's neighbourhood (score.Live).
func (g *Game) panelsChanged(c doc.Change) {
	s := &g.panels.score
	s.dirty = true
	g.panels.heat.dirty = true
	if s.live == nil {
		return // built from the document when first needed
	}
	switch c.Kind {
	case doc.Added:
		s.ids = append(s.ids, s.live.Add(c.Im))
	case doc.Removed:
		if c.Index < 0 || c.Index >= len(s.ids) {
			s.live = nil
			return
		}
		s.live.Remove(s.ids[c.Index])
		s.ids = slices.Delete(s.ids, c.Index, c.Index+1)
	case doc.Inserted:
		// An erase undone: the impression goes back at its old place.
		if c.Index < 0 || c.Index > len(s.ids) {
			s.live = nil
			return
		}
		s.ids = slices.Insert(s.ids, c.Index, s.live.Add(c.Im))
	default:
		// A reset (opening, healing a session) or a change of another
		// kind: grade afresh from the document when next needed.
		s.live = nil
	}
}

// grader returns the grader of the document's template: the shared one
// when it is an embedded template (score.Builtin), else one built for it,
// kept until the document's template changes.
func (g *Game) grader() *score.Grader {
	s := &g.panels.score
	t := g.doc.T
	if s.grader != nil && s.grader.Template() == t {
		return s.grader
	}
	s.grader = nil
	if t != nil {
		if b, err := score.Builtin(t.ID); err == nil && b.Template() == t {
			s.grader = b
		}
	}
	if s.grader == nil {
		s.grader = score.NewGrader(t)
	}
	return s.grader
}

// ensureLive builds the live grade from the document.
func (g *Game) ensureLive() *score.Live {
	s := &g.panels.score
	if s.live == nil {
		ims := g.doc.Impressions()
		s.live = g.grader().NewLive(ims, g.doc.Number, g.weights())
		s.ids = s.ids[:0]
		for i := range ims {
			s.ids = append(s.ids, i)
		}
		s.dirty = true
	}
	return s.live
}

// scoreNeeded reports whether anything on screen reads the report.
func (g *Game) scoreNeeded() bool {
	s := &g.panels.score
	return s.open || s.sel != "" || g.panels.markers
}

// scoreTick refreshes the report, at most every reportEveryTicks while
// impressions change.
func (g *Game) scoreTick() {
	s := &g.panels.score
	if !g.scoreNeeded() {
		return
	}
	if s.report != nil && (!s.dirty || g.tick-s.reportTick < reportEveryTicks) {
		return
	}
	s.report = g.ensureLive().Report()
	s.dirty = false
	s.reportTick = g.tick
}

// LiveScore returns the report the score panel shows, brought up to date
// first (for tests and the export card).
func (g *Game) LiveScore() *score.Report {
	s := &g.panels.score
	if s.report == nil || s.dirty {
		s.report = g.ensureLive().Report()
		s.dirty = false
		s.reportTick = g.tick
	}
	return s.report
}

// ScorePanelOpen reports whether the score panel shows.
func (g *Game) ScorePanelOpen() bool { return g.panels.score.open }

// SelectedCriterion is the criterion whose markers show, or "".
func (g *Game) SelectedCriterion() string { return g.panels.score.sel }

// Score panel layout, in logical pixels.
const (
	scoreW    = 380
	scorePad  = 12
	scoreHead = 64
	// scoreHeadCompact is the header in a short window: the title and
	// the overall only.
	scoreHeadCompact = 34
)

// scoreRow is one criterion's place in the panel.
type scoreRow struct {
	b        box
	c        *score.Criterion
	feedback []string
}

// scoreLayout is the panel's box, the viewport the criteria scroll in, and
// the rows at the current scroll offset.
type scoreLayout struct {
	panel, view box
	rows        []scoreRow
	// contentH is the height of all the rows.
	contentH float64
	// compact is set when the header is cut to one line (short window).
	compact bool
}

// scoreGeometry lays out the panel for the current report in its area:
// the header and the footer stay, the criteria between them scroll.
func (g *Game) scoreGeometry() scoreLayout {
	s := &g.panels.score
	r := s.report
	area := s.area
	if area.Empty() {
		area = scene.Rect{W: float64(g.w), H: float64(g.h - g.statusHeight())}
	}
	pad := g.ui(scorePad)
	margin := g.ui(panelMarginLog)
	w := math.Min(g.ui(scoreW), area.W-2*margin)
	footH := g.panels.tiny.Size*1.3 + pad
	lh := g.small.Size * 1.3
	// The least view worth having: one criterion's heading and value.
	minView := g.ui(22) + lh
	head := g.ui(scoreHead)
	if area.H-2*margin-pad-head-footH < minView {
		// A short window: the panel hugs the area and drops the
		// header's second line, so at least one criterion shows.
		margin, head = g.ui(2), g.ui(scoreHeadCompact)
	}
	x := area.Right() - w - margin
	top := area.Y + margin
	bottom := area.Bottom() - margin
	viewTop := top + pad + head
	var L scoreLayout
	L.compact = head < g.ui(scoreHead)
	y := 0.0
	if r != nil {
		for i := range r.Criteria {
			c := &r.Criteria[i]
			fb := wrap(c.Feedback, g.small, w-2*pad-g.ui(8))
			if len(fb) > 3 {
				fb = fb[:3]
				fb[2] = fitText(fb[2]+" …", g.small, w-2*pad-g.ui(8))
			}
			h := g.ui(22) + lh + float64(len(fb))*lh + g.ui(8)
			L.rows = append(L.rows, scoreRow{box{x + pad - g.ui(4), y, w - 2*pad + g.ui(8), h}, c, fb})
			y += h + g.ui(4)
		}
	}
	L.contentH = y
	viewBottom := math.Min(viewTop+y, bottom-footH)
	viewBottom = math.Max(viewBottom, viewTop)
	L.view = box{x, viewTop, w, viewBottom - viewTop}
	L.panel = box{x, top, w, viewBottom + footH - top}
	// The offset as last set (scorePanel.Layout keeps it in range), read
	// without changing it, so drawing stays free of side effects.
	off := math.Max(0, math.Min(s.scroll.Offset, L.contentH-L.view.h))
	for i := range L.rows {
		L.rows[i].b.y += viewTop - off
	}
	return L
}

// scoreInput handles the pointer on the panel: the wheel scrolls the
// criteria, a press on one selects it (or clears it).
func (g *Game) scoreInput(in *input.Input) {
	s := &g.panels.score
	L := g.scoreGeometry()
	s.scroll.Wheel(in, L.panel.rect(), g.ui(40))
	if !in.Pressed[input.Left] || !L.view.contains(in.X, in.Y) {
		return
	}
	for _, r := range L.rows {
		if !r.b.contains(in.X, in.Y) {
			continue
		}
		if s.sel == r.c.ID {
			s.sel = ""
			return
		}
		s.sel = r.c.ID
		switch n := len(r.c.Markers); n {
		case 0:
			g.info("%s: nothing to mark on the chart", r.c.Name)
		default:
			g.info("%s: %s ringed on the chart (the legend is at the foot of the score panel)", r.c.Name, plural(n, "place"))
		}
		return
	}
}

// plural writes n with its noun: "1 dot", "3 dots".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// toggleScore opens or closes the live score panel.
func (g *Game) toggleScore() {
	s := &g.panels.score
	s.open = !s.open
	if s.open {
		g.scoreTick()
	} else {
		s.sel = "" // the rings belong to the panel: they go with it
	}
}

// scoreColour goes from red (0) through amber to green (100).
func scoreColour(v float64) color.RGBA {
	switch {
	case v >= 85:
		return color.RGBA{0x3c, 0xb3, 0x71, 0xff}
	case v >= 60:
		return color.RGBA{0xe6, 0xa8, 0x17, 0xff}
	}
	return color.RGBA{0xe0, 0x4b, 0x3a, 0xff}
}

// drawScorePanel draws the panel: the criteria scroll between the header
// and the footer, clipped to their viewport.
func (g *Game) drawScorePanel(screen *ebiten.Image) {
	s := &g.panels.score
	L := g.scoreGeometry()
	panel := L.panel
	fillRect(screen, float32(panel.x), float32(panel.y), float32(panel.w), float32(panel.h), panelColour)
	pad := g.ui(scorePad)
	x, y := panel.x+pad, panel.y+pad
	r := s.report
	drawText(screen, "Live score", g.panels.bold, x, y, textColour)
	if r == nil {
		return
	}
	ov := strconv.Itoa(score.Whole(r.Overall))
	drawText(screen, ov, g.panels.big, panel.x+panel.w-pad-measure(ov, g.panels.big), y-g.ui(4), scoreColour(r.Overall))
	if !L.compact {
		sub := fmt.Sprintf("%s · session %d · weighted mean of %d criteria", plural(r.Impressions, "impression"), g.doc.Number, len(r.Criteria))
		drawText(screen, fitText(sub, g.panels.tiny, panel.w-2*pad-g.ui(50)), g.panels.tiny, x, y+g.ui(24), dimColour)
	}
	view := subImage(screen, L.view)
	for _, row := range L.rows {
		if row.b.y+row.b.h < L.view.y || row.b.y > L.view.y+L.view.h {
			continue
		}
		g.drawScoreRow(view, row, row.c.ID == s.sel, row.b.contains(g.lastX, g.lastY) && L.view.contains(g.lastX, g.lastY))
	}
	if th := s.scroll.Thumb(scene.Rect{X: panel.x + panel.w - g.ui(5), Y: L.view.y, W: g.ui(3), H: L.view.h}); !th.Empty() {
		fillRect(screen, float32(th.X), float32(th.Y), float32(th.W), float32(th.H), dimColour)
	}
	foot := "Click a criterion to mark its problem places · wheel scrolls"
	if s.sel != "" {
		foot = "Marked: the selected criterion's problem places (" + s.sel + ") · click it again to clear"
	}
	drawText(screen, fitText(foot, g.panels.tiny, panel.w-2*pad), g.panels.tiny, x, panel.y+panel.h-pad-g.panels.tiny.Size*1.2, dimColour)
}

// drawScoreRow draws one criterion: name and weight, score (or "—" when
// it is not counted), a bar, the value ("nothing to measure" when there
// was none) and the feedback. A weighted criterion with nothing to measure
// still shows its score: the overall counts it, so hiding it would make
// the panel's numbers disagree with the overall.
func (g *Game) drawScoreRow(dst *ebiten.Image, row scoreRow, selected, hover bool) {
	c := row.c
	if selected {
		fillRect(dst, float32(row.b.x), float32(row.b.y), float32(row.b.w), float32(row.b.h), selColour)
	} else if hover {
		fillRect(dst, float32(row.b.x), float32(row.b.y), float32(row.b.w), float32(row.b.h), tileColour)
	}
	rx, ry := row.b.x+g.ui(4), row.b.y+g.ui(4)
	counted := c.Weight > 0
	name := c.Name
	if c.Weight > 0 {
		name += fmt.Sprintf("  ×%g", c.Weight)
	} else {
		name += "  (not counted)"
	}
	drawText(dst, name, g.panels.bold, rx, ry, textColour)
	sc, col := strconv.Itoa(score.Whole(c.Score)), scoreColour(c.Score)
	if !counted {
		sc, col = "—", dimColour
	}
	drawText(dst, sc, g.panels.bold, row.b.x+row.b.w-g.ui(4)-measure(sc, g.panels.bold), ry, col)
	bw := row.b.w - g.ui(8)
	by := ry + g.ui(19)
	fillRect(dst, float32(rx), float32(by), float32(bw), float32(g.ui(3)), color.RGBA{0x3a, 0x3e, 0x44, 0xff})
	if counted {
		fillRect(dst, float32(rx), float32(by), float32(bw*math.Max(0, math.Min(100, c.Score))/100), float32(g.ui(3)), col)
	}
	val := scoreValueLine(c)
	if c.Target != "" {
		val += " · target " + c.Target
	}
	if n := len(c.Markers); n > 0 {
		val += " · " + plural(n, "place")
	}
	drawText(dst, fitText(val, g.small, bw), g.small, rx, ry+g.ui(22), dimColour)
	lh := g.small.Size * 1.3
	for i, l := range row.feedback {
		drawText(dst, l, g.small, rx, ry+g.ui(22)+float64(i+1)*lh, textColour)
	}
}

// scoreValueLine is the start of a criterion's value line: its measure,
// led by the part that sets its score when that is another measure (a
// Consistency held down by overworked spots reads "overworked 1.2 % of
// area · 0.00 % CV of healed size", so the number beside the sentence is
// the one the sentence is about).
func scoreValueLine(c *score.Criterion) string {
	if c.Unmeasured {
		return "nothing to measure"
	}
	val := fmt.Sprintf("%s %s", trimNum(c.Value), c.Unit)
	if p := drivingPart(c); p != nil {
		val = fmt.Sprintf("%s %s %s · %s", strings.NewReplacer("-", " ", "_", " ").Replace(p.ID), trimNum(p.Value), p.Unit, val)
	}
	return val
}

// drivingPart is the part of c whose score is c's and lower than the
// others', when it is not c's own headline measure; nil when there is no
// single such part.
func drivingPart(c *score.Criterion) *score.Part {
	var low *score.Part
	tie := false
	for i := range c.Parts {
		p := &c.Parts[i]
		switch {
		case p.Unmeasured:
		case low == nil || p.Score < low.Score:
			low, tie = p, false
		case p.Score == low.Score:
			tie = true
		}
	}
	if low == nil || tie || low.Score >= 100 || math.Abs(low.Score-c.Score) > 0.5 ||
		(low.Value == c.Value && strings.HasPrefix(c.Unit, low.Unit)) {
		return nil
	}
	return low
}

// trimNum prints a measurement with sensible precision.
func trimNum(v float64) string {
	switch a := math.Abs(v); {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "—"
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}
