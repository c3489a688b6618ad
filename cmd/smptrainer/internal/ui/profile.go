package ui

// The hairline profile panel (issue 4, "Live feedback in the trainer":
// the hairline profile overlay): the density of the work by distance
// behind the design hairline, from score.HairlineProfile, plotted against
// the model's soft-then-full ramp (domain.md §5).

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/score"
)

// ProfileBinMM is the width of the profile's bands: the scorer's
// (score.ProfileBinMM), so the trainee sees what is graded.
const ProfileBinMM = score.ProfileBinMM

// profileEveryTicks is the shortest time between two profile updates
// while the work changes: half a second, so a stipple stroke at 100,000
// impressions does not recompute it every frame.
const profileEveryTicks = TPS / 2

// RampBand returns the model ramp's band at u mm behind the line
// (score.RampBand, the ramp the score judges).
func RampBand(u float64) (lo, hi float64) { return score.RampBand(u) }

// profileState is the panel's state.
type profileState struct {
	open bool
	bins []score.ProfileBin
	// key is the document state the bins were measured on.
	key, jobKey profileKey
	// lastTick is when the last measurement started.
	lastTick int
	job      chan []score.ProfileBin
	// none is set when the template has no hairline to measure from.
	none bool
}

// profileKey identifies a document state.
type profileKey struct {
	t     *scalp.Template
	id    uint64
	n     int
	sess  int
	valid bool
}

func (g *Game) profileKeyNow() profileKey {
	return profileKey{t: g.doc.T, id: g.doc.StateID(), n: g.doc.Len(), sess: g.doc.Number, valid: true}
}

// toggleProfile is bound to Y.
func (g *Game) toggleProfile() {
	p := &g.profile
	p.open = !p.open
	if p.open {
		g.info("Hairline profile: density by distance behind the design line against the model ramp (shaded) · Y hides")
	}
}

// ProfileOpen reports whether the hairline profile panel is shown.
func (g *Game) ProfileOpen() bool { return g.profile.open }

// Profile returns the bins the panel shows (nil before the first
// measurement or without a hairline) and whether they are measured on the
// current work.
func (g *Game) Profile() ([]score.ProfileBin, bool) {
	return g.profile.bins, g.profile.key == g.profileKeyNow()
}

// profileTick collects a finished measurement and starts the next one
// when the panel is open, the work changed, and the last one started at
// least profileEveryTicks ago. Measuring runs in the background on a copy
// of the impressions.
func (g *Game) profileTick() {
	p := &g.profile
	if p.job != nil {
		select {
		case bins := <-p.job:
			p.job = nil
			p.bins, p.key = bins, p.jobKey
			p.none = bins == nil
		default:
		}
	}
	if !p.open || p.job != nil {
		return
	}
	k := g.profileKeyNow()
	if k == p.key || (p.key.valid && g.tick-p.lastTick < profileEveryTicks) {
		return
	}
	p.lastTick, p.jobKey = g.tick, k
	gr, ims, sess := g.grader(), slices.Clone(g.doc.Impressions()), g.doc.Number
	ch := make(chan []score.ProfileBin, 1)
	p.job = ch
	go func(ims []impression.Impression) { ch <- gr.HairlineProfile(ims, sess, ProfileBinMM) }(ims)
}

// waitProfile blocks until a running measurement ends (tests).
func (g *Game) waitProfile() {
	if p := &g.profile; p.job != nil {
		bins := <-p.job
		p.job = nil
		p.bins, p.key = bins, p.jobKey
		p.none = bins == nil
	}
}

// profileGeometry is the panel's box and its plot area, bottom left above
// the scale bar.
func (g *Game) profileGeometry() (panel, plot box) {
	// Bottom left, above the scale bar, within the room between the
	// title line and the status line (shorter when that is small).
	top := g.toolbar.Height() + g.titleHeight() + g.ui(4)
	bottom := float64(g.h-g.statusHeight()) - g.ui(56)
	if bottom-top < g.ui(120) {
		bottom = float64(g.h-g.statusHeight()) - g.ui(4) // over the scale bar rather than too small
	}
	w := math.Min(g.ui(360), float64(g.w)-2*g.ui(10))
	h := math.Max(0, math.Min(g.ui(210), bottom-top))
	x := g.ui(10)
	y := bottom - h
	pad := g.ui(10)
	panel = box{x, y, w, h}
	ptop := y + pad + g.small.Size*1.6
	left := x + pad + g.ui(34)
	plot = box{left, ptop, x + w - pad - left, math.Max(0, y+h-pad-g.small.Size*1.5-ptop)}
	return panel, plot
}

// Colours of the plot: presentation choices.
var (
	rampColour    = color.RGBA{0x30, 0x60, 0x40, 0xc0}
	profileColour = color.RGBA{0xf0, 0xb0, 0x30, 0xff}
	axisColour    = color.RGBA{0x70, 0x74, 0x78, 0xff}
)

// profileRange is the plot's domain: the bins' span (10 mm in front to
// 25 mm behind), and relative density 0 to at least 1.5.
func profileRange(bins []score.ProfileBin) (u0, u1, r1 float64) {
	u0, u1, r1 = -10, 25, 1.5
	if len(bins) > 0 {
		u0, u1 = bins[0].FromMM, bins[len(bins)-1].ToMM
	}
	for _, b := range bins {
		r1 = math.Max(r1, math.Min(b.Relative*1.1, 3))
	}
	return u0, u1, r1
}

// drawProfile draws the panel.
func (g *Game) drawProfile(screen *ebiten.Image) {
	p := &g.profile
	if !p.open {
		return
	}
	panel, plot := g.profileGeometry()
	fillRect(screen, float32(panel.x), float32(panel.y), float32(panel.w), float32(panel.h), barColour)
	pad := g.ui(10)
	title := "Hairline profile (Y) · gold your work, green the model"
	if p.none {
		title += ": no design hairline in this template"
	}
	drawText(screen, title, g.small, panel.x+pad, panel.y+pad-g.ui(3), textColour)
	if p.none {
		return
	}
	u0, u1, r1 := profileRange(p.bins)
	sx := func(u float64) float32 { return float32(plot.x + (u-u0)/(u1-u0)*plot.w) }
	sy := func(r float64) float32 { return float32(plot.y + plot.h - math.Min(r, r1)/r1*plot.h) }
	sw := float32(g.ui(1))
	// The model band, one column per device pixel.
	for px := 0; px < int(plot.w); px++ {
		u := u0 + (float64(px)+0.5)/plot.w*(u1-u0)
		lo, hi := RampBand(u)
		if hi <= 0 {
			continue
		}
		y0, y1 := sy(hi), sy(lo)
		fillRect(screen, float32(plot.x)+float32(px), y0, 1, max(y1-y0, sw), rampColour)
	}
	// Axes: 0 and 100% of target, the design line at 0 mm.
	hline(screen, float32(plot.x), float32(plot.x+plot.w), sy(0), sw, axisColour)
	hline(screen, float32(plot.x), float32(plot.x+plot.w), sy(1), sw, axisColour)
	vline(screen, sx(0), float32(plot.y), float32(plot.y+plot.h), sw, axisColour)
	drawText(screen, "100%", g.small, panel.x+pad-g.ui(4), float64(sy(1))-g.small.Size*0.6, dimColour)
	drawText(screen, "0", g.small, panel.x+pad+g.ui(14), float64(sy(0))-g.small.Size*0.6, dimColour)
	for _, u := range []float64{-10, 0, 10, 20} {
		if u < u0 || u > u1 {
			continue
		}
		s := fmt.Sprintf("%.0f", u)
		if u == 20 {
			s += " mm behind"
		}
		x := float64(sx(u)) - measure(fmt.Sprintf("%.0f", u), g.small)/2
		drawText(screen, s, g.small, math.Min(x, panel.x+panel.w-pad-measure(s, g.small)), plot.y+plot.h+g.ui(2), dimColour)
	}
	// The work: one step per band.
	sw2 := float32(g.ui(2))
	for i, b := range p.bins {
		y := sy(b.Relative)
		vector.StrokeLine(screen, sx(b.FromMM), y, sx(b.ToMM), y, sw2, profileColour, true)
		if i > 0 {
			vector.StrokeLine(screen, sx(b.FromMM), sy(p.bins[i-1].Relative), sx(b.FromMM), y, sw2, profileColour, true)
		}
	}
	if len(p.bins) == 0 && p.job != nil {
		drawText(screen, "measuring…", g.small, plot.x+g.ui(8), plot.y+g.ui(4), dimColour)
	}
}

// profileSwallow keeps presses and the wheel over the open panel off the
// canvas, so a click on the plot places nothing.
func (g *Game) profileSwallow(in *input.Input) {
	if !g.profile.open {
		return
	}
	if panel, _ := g.profileGeometry(); panel.contains(in.X, in.Y) {
		in.Pressed = [len(in.Pressed)]bool{}
		in.WheelX, in.WheelY = 0, 0
	}
}
