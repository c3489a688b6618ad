package ui

// Review (F3): the work replayed in the order it was placed, with a
// timeline slider, so an instructor can discuss rhythm, order of work and
// corrections. Review is a modal layer of its own over the chart editor
// (reviewScene): it takes the keys and the pointer while it is open, so the
// work cannot be edited meanwhile; zoom, pan, fit, help, save, export and
// quit still work. The replay is drawn from its own document and tile
// cache, which stand in for the work's while the review is open.

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/doc"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/keymap"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/scene"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/layer"
	"github.com/smptrainer/smp/sim/impression"
)

// ReviewSpeeds are the replay speeds offered (↑/↓), times real time.
var ReviewSpeeds = []float64{0.5, 1, 2, 4, 8, 16, 32}

// DefaultReviewSpeed is the replay's starting speed: 4× real time keeps a
// session of some minutes watchable while the rhythm still shows.
const DefaultReviewSpeed = 4.0

// reviewSessionGapS is the pause the timeline puts between two sessions,
// whose clocks each start at 0, so the boundary shows.
const reviewSessionGapS = 2.0

// reviewJump is how many impressions an edit of the replay may add or take
// away one by one (patching their pixels) before it redraws instead.
const reviewJump = 256

// reviewState is an open review.
type reviewState struct {
	src  *doc.Doc     // the work reviewed
	main *layer.Layer // the work's tile cache, put back on leaving
	d    *doc.Doc     // the replay: the first k impressions in order
	l    *layer.Layer

	order []impression.Impression // placement order
	times []float64               // each one's time on the timeline, s
	// starts are the timeline times at which each session begins.
	starts []float64

	clock    float64 // timeline time shown, s
	playing  bool
	speed    float64
	dragging bool
}

// reviewMaxGapS is the longest pause the timeline keeps between two
// placements (and before a session's first), s of work time: a trainee who
// stopped to think for five minutes is replayed as a one-second pause at
// the default 4× speed, not as minutes of nothing. A model choice for
// watchability; the caption still shows each impression's own time.
const reviewMaxGapS = 4.0

// placementOrder returns ims in the order they were placed (session, then
// time, then list order) and their times on one timeline, on which no
// pause is longer than reviewMaxGapS and sessions are reviewSessionGapS
// apart.
func placementOrder(ims []impression.Impression) (order []impression.Impression, times, starts []float64) {
	order = slices.Clone(ims)
	slices.SortStableFunc(order, func(a, b impression.Impression) int {
		if c := cmp.Compare(a.Session, b.Session); c != 0 {
			return c
		}
		return cmp.Compare(a.TimeS, b.TimeS)
	})
	times = make([]float64, len(order))
	cur, prev := 0.0, 0.0 // timeline time so far; the last work time seen
	sess := 0
	for i, im := range order {
		if im.Session != sess {
			if i > 0 {
				cur += reviewSessionGapS
			}
			sess, prev = im.Session, 0
			starts = append(starts, cur)
		}
		t := im.TimeS
		if math.IsNaN(t) || t < 0 {
			t = 0
		}
		cur += math.Min(math.Max(0, t-prev), reviewMaxGapS)
		prev = math.Max(prev, t)
		times[i] = cur
	}
	return order, times, starts
}

// reviewScene is the open review: a modal layer over the chart editor.
type reviewScene struct {
	g *Game
	r *reviewState
}

// review returns the open review, or nil.
func (g *Game) review() *reviewState {
	if s, ok := scene.Find[*reviewScene](g.scenes); ok {
		return s.r
	}
	return nil
}

// Reviewing reports whether review mode is open, and the replay's
// document (the impressions shown so far).
func (g *Game) Reviewing() (bool, *doc.Doc) {
	if r := g.review(); r != nil {
		return true, r.d
	}
	return false, nil
}

// reviewAllows reports whether action a may run while the review is
// open: the view, help, saving and exporting, leaving; nothing that
// edits the work or changes the tools.
func reviewAllows(a keymap.Action) bool {
	switch a {
	case keymap.Review, keymap.ZoomIn, keymap.ZoomOut, keymap.ZoomTrue, keymap.Fit,
		keymap.Help, keymap.Save, keymap.Export, keymap.ExportLarge, keymap.Quit,
		keymap.UILarger, keymap.UISmaller, keymap.UINormal, keymap.Score, keymap.Distance:
		return true
	}
	return false
}

// Update implements scene.Scene: the review's keys, then the keymap's for
// what reviewAllows, then the toolbar, the slider, the clock and the view.
func (s *reviewScene) Update(in *input.Input) {
	g, r := s.g, s.r
	if g.doc != r.src {
		// Another file was opened (dropped): the review was of the old.
		g.leaveReview()
		return
	}
	for _, k := range in.Keys {
		if g.reviewKeys(k, in) {
			continue
		}
		if a, ok := keymap.Lookup(k, in.Ctrl, in.Shift); ok {
			g.do(a, in)
		}
	}
	if g.scenes.Top() != s {
		return // left, or help opened over it
	}
	g.layoutPanels()
	if !g.toolbar.Update(in) && !g.reviewPointer(in) { // the slider
		g.viewPointer(in) // wheel zoom and pan drags
	}
	r.run()
}

// Draw implements scene.Scene: the timeline over the editor, which shows
// the replay in place of the work.
func (s *reviewScene) Draw(screen *ebiten.Image) { s.g.drawReview(screen) }

// toggleReview opens or closes review mode (F3).
func (g *Game) toggleReview() {
	if g.review() != nil {
		g.leaveReview()
		return
	}
	if g.doc.Len() == 0 {
		g.info("Nothing to review yet: place some impressions, or open a session (Ctrl+O or drop a file)")
		return
	}
	g.endStroke()
	order, times, starts := placementOrder(g.doc.Impressions())
	d := doc.New(g.doc.T, g.doc.Exercise, g.doc.Number, g.doc.Created)
	l := layer.New(d, g.layerOptions(), g.stage)
	l.Budget, l.TimeBudget = g.layer.Budget, g.layer.TimeBudget
	r := &reviewState{src: g.doc, main: g.layer, d: d, l: l, order: order, times: times, starts: starts,
		playing: true, speed: DefaultReviewSpeed}
	g.push(&reviewScene{g: g, r: r})
	g.layer = l
	g.info("Review: replaying %d impressions in the order they were placed (Enter pauses, ←/→ step, Esc leaves)", len(order))
}

// leaveReview closes review mode and shows the work again.
func (g *Game) leaveReview() {
	s, ok := scene.Find[*reviewScene](g.scenes)
	if !ok {
		return
	}
	g.scenes.Close(s)
	if g.doc == s.r.src {
		g.layer = s.r.main
	}
	g.msg = ""
}

// shown returns how many impressions are placed by timeline time t.
func (r *reviewState) shown(t float64) int {
	return countAtMost(r.times, t)
}

// countAtMost returns the number of ts ≤ t (ts ascending).
func countAtMost(ts []float64, t float64) int {
	i, _ := slices.BinarySearchFunc(ts, t, func(a, b float64) int {
		if a <= b {
			return -1
		}
		return 1
	})
	return i
}

// seek shows the first k impressions.
func (r *reviewState) seek(k int) {
	k = max(0, min(len(r.order), k))
	n := r.d.Len()
	switch {
	case k == n:
	case k > n && k-n <= reviewJump:
		for _, im := range r.order[n:k] {
			r.d.Append(im)
		}
	case k < n && n-k <= reviewJump:
		for range n - k {
			r.d.RemoveLast()
		}
	default:
		r.d.SetImpressions(r.order[:k])
	}
}

// step moves by n impressions and pauses.
func (r *reviewState) step(n int) {
	r.playing = false
	k := max(0, min(len(r.order), r.d.Len()+n))
	r.seek(k)
	r.clock = 0
	if k > 0 {
		r.clock = r.times[k-1]
	}
}

// end is the timeline's length.
func (r *reviewState) end() float64 {
	if len(r.times) == 0 {
		return 0
	}
	return r.times[len(r.times)-1]
}

// reviewKeys handles the keys in review mode; it reports whether it used
// k. Keys that would edit the work are swallowed; zoom, fit and help pass.
func (g *Game) reviewKeys(k ebiten.Key, in *input.Input) bool {
	r := g.review()
	if in.Ctrl {
		return k != ebiten.KeyS && k != ebiten.KeyE // save and export still work
	}
	switch k {
	case ebiten.KeyEscape, ebiten.KeyF3:
		g.leaveReview()
	case ebiten.KeyEnter, ebiten.KeyNumpadEnter:
		if !r.playing && r.d.Len() == len(r.order) {
			r.seek(0)
			r.clock = 0
		}
		r.playing = !r.playing
	case ebiten.KeyArrowLeft:
		r.step(-stepSize(in))
	case ebiten.KeyArrowRight:
		r.step(stepSize(in))
	case ebiten.KeyHome:
		r.step(-len(r.order))
		r.clock = 0
	case ebiten.KeyEnd:
		r.step(len(r.order))
	case ebiten.KeyArrowUp, ebiten.KeyArrowDown:
		i := slices.Index(ReviewSpeeds, r.speed)
		if k == ebiten.KeyArrowUp {
			i = min(len(ReviewSpeeds)-1, i+1)
		} else {
			i = max(0, i-1)
		}
		r.speed = ReviewSpeeds[i]
	case ebiten.KeyF, ebiten.KeyDigit0, ebiten.KeyEqual, ebiten.KeyMinus,
		ebiten.KeyNumpadAdd, ebiten.KeyNumpadSubtract, ebiten.KeyF1, ebiten.KeySlash:
		return false
	}
	return true
}

func stepSize(in *input.Input) int {
	if in.Shift {
		return 10
	}
	return 1
}

// sliderRect returns the timeline slider's rectangle on screen.
func (g *Game) sliderRect() (x0, y0, x1, y1 float64) {
	x0, x1 = g.ui(24), float64(g.w)-g.ui(24)
	y1 = float64(g.h-g.statusHeight()) - g.ui(56)
	y0 = y1 - g.ui(22)
	return
}

// reviewPointer runs the slider and reports whether it has the pointer;
// the left button never places or erases in review.
func (g *Game) reviewPointer(in *input.Input) bool {
	r := g.review()
	x0, y0, x1, y1 := g.sliderRect()
	if in.Pressed[input.Left] && in.X >= x0-g.ui(8) && in.X <= x1+g.ui(8) && in.Y >= y0-g.ui(8) && in.Y <= y1+g.ui(8) {
		r.dragging = true
	}
	if r.dragging {
		r.playing = false
		f := math.Max(0, math.Min(1, (in.X-x0)/(x1-x0)))
		r.clock = f * r.end()
		r.seek(r.shown(r.clock))
		if !in.Held[input.Left] {
			r.dragging = false
		}
		return true
	}
	return false
}

// run moves a playing replay on by one tick.
func (r *reviewState) run() {
	if !r.playing || r.dragging {
		return
	}
	r.clock += r.speed / TPS
	r.seek(r.shown(r.clock))
	if r.clock >= r.end() {
		r.playing = false
	}
}

// drawReview draws the timeline slider and its caption.
func (g *Game) drawReview(screen *ebiten.Image) {
	r := g.review()
	if r == nil {
		return
	}
	x0, y0, x1, y1 := g.sliderRect()
	pad := g.ui(8)
	capH := g.small.Size * 1.5
	fillRect(screen, float32(x0-pad), float32(y0-pad-capH), float32(x1-x0+2*pad), float32(y1-y0+2*pad+capH), barColour)
	f := 0.0
	if e := r.end(); e > 0 {
		f = math.Min(1, r.clock/e)
	}
	my := float32((y0 + y1) / 2)
	hline(screen, float32(x0), float32(x1), my, float32(g.ui(3)), dimColour)
	hline(screen, float32(x0), float32(x0+f*(x1-x0)), my, float32(g.ui(3)), cursorColour)
	for _, s := range r.starts {
		x := float32(x0 + s/math.Max(r.end(), 1e-9)*(x1-x0))
		vline(screen, x, float32(y0), float32(y1), float32(g.ui(1)), textColour)
	}
	kx := float32(x0 + f*(x1-x0))
	fillRect(screen, kx-float32(g.ui(4)), float32(y0), float32(g.ui(8)), float32(y1-y0), textColour)
	drawText(screen, g.reviewCaption(), g.small, x0, y0-pad-capH+g.ui(4), textColour)
}

// reviewCaption says where the replay is.
func (g *Game) reviewCaption() string {
	r := g.review()
	k := r.d.Len()
	where := "start"
	if k > 0 {
		im := r.order[k-1]
		where = fmt.Sprintf("session %d, %.1f s", im.Session, im.TimeS)
	}
	state := "paused"
	if r.playing {
		state = "playing"
	}
	return fmt.Sprintf("Review %d/%d · %s · %s at %g× · Enter play/pause · ←/→ step (Shift: 10) · Home/End · ↑/↓ speed · drag the bar · Esc leave",
		k, len(r.order), where, state, r.speed)
}
