package ui

import (
	"image/color"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
)

var (
	// consultBackground is barColour made opaque: the scene covers the chart.
	consultBackground = color.RGBA{0x1b, 0x1d, 0x1f, 0xff}
	okColour          = color.RGBA{0x7c, 0xd9, 0x8a, 0xff}
	wrongColour       = color.RGBA{0xff, 0x8a, 0x80, 0xff}
)

// consultHints are the keys shown at the foot of each step.
var consultHints = map[consultStep]string{
	stepClient:    "↑↓ pick a client · Enter starts the consultation · Esc closes",
	stepIntake:    "↑↓ a question · Enter asks it · Tab: the decision · Esc closes",
	stepDecision:  "↑↓ a row · ←→ change (Shift ±10) · Space ticks a reason · Tab next, Shift+Tab back",
	stepPlan:      "↑↓ a row · ←→ change · Space ticks · Tab next, Shift+Tab back",
	stepAftercare: "↑↓ a row · ←→ set the day (Shift ±10) · Space ticks or clears · Tab: feedback",
	stepFeedback:  "Ctrl+S saves the consultation with the work · P writes the client sheet · Enter: to the dots (if treating) · Shift+Tab back",
}

// Draw implements scene.Scene: the step's rows, the cursor row
// highlighted, scrolled so the cursor stays in view.
func (s *consultScene) Draw(screen *ebiten.Image) {
	g := s.g
	W, H := float64(g.w), float64(g.h)
	fillRect(screen, 0, 0, float32(W), float32(H), consultBackground)
	pad := g.ui(14)
	face, small := g.face, g.small
	lineH := small.Size * 1.45
	title := "Consultation"
	if s.prof != nil {
		title += " — " + s.prof.Name + " (" + s.cs.Client + ")"
	}
	var steps []string
	for i, n := range stepNames {
		if consultStep(i) == s.step {
			n = "[" + n + "]"
		}
		steps = append(steps, n)
	}
	drawText(screen, title+"   "+strings.Join(steps, " · "), face, pad, pad, textColour)
	top := pad + face.Size*2
	bottom := H - pad - 2*lineH
	w := W - 2*pad

	rows := s.rows()
	// Lay the rows out wrapped, then scroll so the cursor row shows.
	type placed struct {
		lines []string
		y, h  float64
	}
	ps := make([]placed, len(rows))
	y := 0.0
	for i, r := range rows {
		ls := wrap(r.text, small, w-g.ui(12))
		ps[i] = placed{ls, y, float64(len(ls)) * lineH}
		y += ps[i].h + g.ui(2)
	}
	off := 0.0
	if s.cur < len(ps) {
		if end := ps[s.cur].y + ps[s.cur].h; end > bottom-top {
			off = end - (bottom - top)
		}
	}
	for i, r := range rows {
		ry := top + ps[i].y - off
		if ry < top-1 || ry+ps[i].h > bottom+1 {
			continue
		}
		c := color.Color(textColour)
		switch {
		case r.head:
			c = dimColour
		case r.ok != nil && *r.ok:
			c = okColour
		case r.ok != nil:
			c = wrongColour
		case r.dim:
			c = dimColour
		}
		if i == s.cur && !r.head {
			fillRect(screen, float32(pad), float32(ry), float32(w), float32(ps[i].h), selColour)
		}
		for k, l := range ps[i].lines {
			drawText(screen, l, small, pad+g.ui(6), ry+float64(k)*lineH, c)
		}
	}
	if s.note != "" {
		drawText(screen, s.note, small, pad, H-pad-2*lineH, okColour)
	}
	drawText(screen, consultHints[s.step], small, pad, H-pad-lineH, dimColour)
}
