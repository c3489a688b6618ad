package ui

import (
	"fmt"
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/render"
)

// Colours of the mapping scene.
var (
	mapLineColour    = color.RGBA{0xd8, 0x1b, 0x60, 0xff} // the design: as on the head views
	mapCanthusColour = color.RGBA{0xff, 0xb3, 0x00, 0xd0} // canthus guides
	mapPupilColour   = color.RGBA{0x26, 0xc6, 0xda, 0xd0} // mid-pupil guides
	mapBrowColour    = color.RGBA{0x90, 0x90, 0x90, 0xd0} // brow line and midline
	mapTapeColour    = color.RGBA{0x43, 0xa0, 0x47, 0xff}
)

// mapHints are the keys shown at the foot of the scene.
const mapHints = "click: mark · drag: bend · T tape · M mirror left→right (Shift: right→left) · G guides · V views · K style · Ctrl+Z/Y undo/redo · Ctrl+S save · Esc leave"

// Draw implements scene.Scene: the chart of the forehead with the guides
// and the design on the left; the client, the live feedback and the front
// and side views on the right.
func (s *mapScene) Draw(screen *ebiten.Image) {
	g := s.g
	s.layout()
	W, H := float64(g.w), float64(g.h)
	fillRect(screen, 0, 0, float32(W), float32(H), layerColour)
	pad := g.ui(12)
	drawText(screen, "Hairline mapping — "+s.clientText(), g.small, pad, pad, textColour)

	// The chart, drawn once per window size.
	if sz := s.area.Size(); s.bg == nil || s.bgSz != sz {
		img := image.NewRGBA(image.Rect(0, 0, sz.X, sz.Y))
		render.Chart(img, s.t, g.doc.Impressions(), s.v, render.Options{Hair: true, Scars: true, Stage: g.stage})
		if s.bg != nil {
			s.bg.Deallocate()
		}
		s.bg, s.bgSz = ebiten.NewImageFromImage(img), sz
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(1, -1) // brows at the bottom (toScreen)
	op.GeoM.Translate(float64(s.area.Min.X), float64(s.area.Max.Y))
	screen.DrawImage(s.bg, op)

	lw := float32(g.ui(1.5))
	if s.guides {
		lm := s.lm
		s.stroke(screen, lm.BrowLine, lw, mapBrowColour)
		s.stroke(screen, geom.Polyline{lm.Glabella, geom.Pt(0, lm.Glabella.Y+150)}, lw, mapBrowColour)
		s.stroke(screen, lm.CanthusLeft, lw, mapCanthusColour)
		s.stroke(screen, lm.CanthusRight, lw, mapCanthusColour)
		s.stroke(screen, lm.MidPupilLeft, lw, mapPupilColour)
		s.stroke(screen, lm.MidPupilRight, lw, mapPupilColour)
		gx, gy := s.toScreen(lm.Glabella)
		vector.StrokeCircle(screen, float32(gx), float32(gy), float32(g.ui(5)), lw, mapBrowColour, true)
	}
	if d, ok := s.design(); ok {
		s.stroke(screen, d.Line, float32(g.ui(2.5)), mapLineColour)
	}
	for name, p := range s.pts {
		x, y := s.toScreen(p)
		r := float32(g.ui(5))
		if name == "lap_left" || name == "lap_right" {
			r = float32(g.ui(4))
			vector.StrokeCircle(screen, float32(x), float32(y), r, lw, mapLineColour, true)
			continue
		}
		vector.DrawFilledCircle(screen, float32(x), float32(y), r+1.5, color.White, true)
		vector.DrawFilledCircle(screen, float32(x), float32(y), r, mapLineColour, true)
	}
	if s.tapeShown {
		s.stroke(screen, geom.Polyline{s.tapeA, s.tapeB}, float32(g.ui(2)), mapTapeColour)
		x, y := s.toScreen(s.tapeB)
		drawText(screen, fmt.Sprintf("%.1f cm", s.t.Head.SurfaceDist(s.tapeA, s.tapeB)/10), g.face, x+g.ui(8), y-g.ui(20), mapTapeColour)
	}

	// The right panel: what to do, the measures and the feedback.
	x0 := float64(s.area.Max.X) + pad
	w := W - x0 - pad
	y := float64(s.area.Min.Y)
	lineH := g.small.Size * 1.45
	put := func(t string, c color.Color) {
		for _, l := range wrap(t, g.small, w) {
			drawText(screen, l, g.small, x0, y, c)
			y += lineH
		}
	}
	put(s.prompt(), okColour)
	if t := s.heightText(); t != "" {
		put(t, textColour)
	}
	if c := s.crit; c != nil {
		put(fmt.Sprintf("Mapping %.0f / 100 · target %s", c.Score, c.Target), textColour)
		put(c.Feedback, dimColour)
	}
	if s.note != "" {
		put(s.note, dimColour)
	}
	bar := s.buttonBar()
	barTop := H
	if len(bar) > 0 {
		barTop = bar[0].box.Y
	}
	g.drawButtons(screen, bar)
	if s.views {
		y += g.ui(6)
		vw := int(w/2 - g.ui(4))
		vh := min(int(float64(vw)*400/360), int(barTop-y-g.ui(8)))
		if vw > 40 && vh > 40 {
			for i, im := range s.headViews(vw, vh) {
				op := &ebiten.DrawImageOptions{}
				op.GeoM.Translate(x0+float64(i)*(float64(vw)+g.ui(8)), y)
				screen.DrawImage(im, op)
			}
		}
	}
	drawText(screen, mapHints, g.small, pad, H-pad-lineH, dimColour)
}

// stroke draws a chart polyline over the chart area.
func (s *mapScene) stroke(dst *ebiten.Image, l geom.Polyline, w float32, c color.Color) {
	for i := 1; i < len(l); i++ {
		ax, ay := s.toScreen(l[i-1])
		bx, by := s.toScreen(l[i])
		vector.StrokeLine(dst, float32(ax), float32(ay), float32(bx), float32(by), w, c, true)
	}
}
