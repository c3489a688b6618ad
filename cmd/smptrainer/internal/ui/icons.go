package ui

// The toolbar's icons: small vector drawings (ebiten/v2/vector) for the
// actions a picture names at a glance. Actions an icon would make
// ambiguous (the needle groupings, 1:1, heal, expert,
// hand in, save as, map, task) keep their words. The icons are drawn
// straight onto the screen: a few dozen short strokes, only in the frames
// that are drawn at all (redraw.go).

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/keymap"
)

// iconPen draws an s×s icon with its top left at (x, y) on dst, in units
// of the icon's size: (0, 0) is the top left, (1, 1) the bottom right,
// and w is the stroke width in pixels.
type iconPen struct {
	dst        *ebiten.Image
	x, y, s, w float32
	// noAA draws without anti-aliasing, for a picture drawn large and
	// scaled down (iconcache.go).
	noAA bool
}

func (p iconPen) px(u float64) float32 { return float32(u) * p.s }

// at is the screen point of icon coordinates (u, v).
func (p iconPen) at(u, v float64) (float32, float32) { return p.x + p.px(u), p.y + p.px(v) }

func (p iconPen) line(x0, y0, x1, y1 float64) {
	ax, ay := p.at(x0, y0)
	bx, by := p.at(x1, y1)
	vector.StrokeLine(p.dst, ax, ay, bx, by, p.w, textColour, !p.noAA)
}

func (p iconPen) rect(x, y, w, h float64) {
	ax, ay := p.at(x, y)
	vector.StrokeRect(p.dst, ax, ay, p.px(w), p.px(h), p.w, textColour, !p.noAA)
}

func (p iconPen) fillRect(x, y, w, h float64, alpha float64) {
	c := textColour
	c.A = uint8(255 * alpha)
	c.R, c.G, c.B = uint8(float64(c.R)*alpha), uint8(float64(c.G)*alpha), uint8(float64(c.B)*alpha)
	ax, ay := p.at(x, y)
	vector.FillRect(p.dst, ax, ay, p.px(w), p.px(h), c, !p.noAA)
}

func (p iconPen) circle(x, y, r float64) {
	ax, ay := p.at(x, y)
	vector.StrokeCircle(p.dst, ax, ay, p.px(r), p.w, textColour, !p.noAA)
}

func (p iconPen) dot(x, y, r float64) {
	ax, ay := p.at(x, y)
	vector.FillCircle(p.dst, ax, ay, p.px(r), textColour, !p.noAA)
}

// arc strokes the arc of radius r about (x, y) from angle a0 to a1
// (radians, clockwise on screen from +x), ending in an arrow head when
// arrow is set.
func (p iconPen) arc(x, y, r, a0, a1 float64, arrow bool) {
	var path vector.Path
	ax, ay := p.at(x, y)
	path.Arc(ax, ay, p.px(r), float32(a0), float32(a1), dirOf(a0, a1))
	p.stroke(&path)
	if arrow {
		ex, ey := x+r*math.Cos(a1), y+r*math.Sin(a1)
		// The tangent at the end, in the direction of travel.
		sgn := 1.0
		if a1 < a0 {
			sgn = -1
		}
		tx, ty := -math.Sin(a1)*sgn, math.Cos(a1)*sgn
		const l = 0.2
		for _, turn := range []float64{2.5, -2.5} {
			c, s := math.Cos(turn), math.Sin(turn)
			p.line(ex, ey, ex+l*(tx*c-ty*s), ey+l*(tx*s+ty*c))
		}
	}
}

func dirOf(a0, a1 float64) vector.Direction {
	if a1 >= a0 {
		return vector.Clockwise
	}
	return vector.CounterClockwise
}

// poly strokes the polyline through pts (x, y pairs), closed if asked.
func (p iconPen) poly(closed bool, pts ...float64) {
	var path vector.Path
	path.MoveTo(p.at(pts[0], pts[1]))
	for i := 2; i+1 < len(pts); i += 2 {
		path.LineTo(p.at(pts[i], pts[i+1]))
	}
	if closed {
		path.Close()
	}
	p.stroke(&path)
}

func (p iconPen) stroke(path *vector.Path) {
	so := &vector.StrokeOptions{Width: p.w, LineJoin: vector.LineJoinRound, LineCap: vector.LineCapRound}
	dop := &vector.DrawPathOptions{AntiAlias: !p.noAA}
	dop.ColorScale.ScaleWithColor(textColour)
	vector.StrokePath(p.dst, path, so, dop)
}

// toolIcons draws the icon of each action that has one.
var toolIcons = map[keymap.Action]func(p iconPen){
	keymap.Fit: func(p iconPen) { // four corners of a frame
		for _, c := range [][4]float64{{.15, .15, 1, 1}, {.85, .15, -1, 1}, {.15, .85, 1, -1}, {.85, .85, -1, -1}} {
			p.poly(false, c[0], c[1]+.25*c[3], c[0], c[1], c[0]+.25*c[2], c[1])
		}
	},
	keymap.ToolClick: func(p iconPen) { // one dot in the cursor's ticks
		p.dot(.5, .5, .1)
		p.line(.1, .5, .3, .5)
		p.line(.7, .5, .9, .5)
		p.line(.5, .1, .5, .3)
		p.line(.5, .7, .5, .9)
	},
	keymap.ToolStipple: func(p iconPen) { // scattered dots
		for _, d := range [][2]float64{{.25, .3}, {.55, .2}, {.8, .4}, {.4, .55}, {.2, .78}, {.65, .7}, {.85, .85}} {
			p.dot(d[0], d[1], .07)
		}
	},
	keymap.ToolErase: func(p iconPen) { // a slanted eraser, its tip filled
		p.poly(true, .15, .6, .5, .25, .85, .6, .5, .95)
		p.line(.325, .775, .675, .425)
		p.line(.1, .95, .9, .95)
	},
	keymap.ToolLasso: func(p iconPen) { // a dashed selection loop
		const n = 14
		for i := 0; i < n; i += 2 {
			a0, a1 := 2*math.Pi*float64(i)/n, 2*math.Pi*float64(i+1)/n
			p.line(.5+.4*math.Cos(a0), .5+.3*math.Sin(a0), .5+.4*math.Cos(a1), .5+.3*math.Sin(a1))
		}
	},
	keymap.Shade: func(p iconPen) { // an ink drop
		p.arc(.5, .62, .25, -0.15, math.Pi+0.15, false)
		p.poly(false, .26, .58, .5, .12, .74, .58)
	},
	keymap.Preview: func(p iconPen) { // an eye: two lids meeting at the corners
		const r, half = .55, .4
		dy := math.Sqrt(r*r - half*half)
		a := math.Atan2(dy, half)
		p.arc(.5, .5+dy, r, -math.Pi+a, -a, false)
		p.arc(.5, .5-dy, r, a, math.Pi-a, false)
		p.dot(.5, .5, .13)
	},
	keymap.Score: func(p iconPen) { // a bar chart
		p.fillRect(.15, .55, .18, .35, 1)
		p.fillRect(.41, .3, .18, .6, 1)
		p.fillRect(.67, .12, .18, .78, 1)
	},
	keymap.DensityMap: func(p iconPen) { // a heat map's cells
		for i, a := range []float64{1, .55, .3, .8, .45, .15, .6, .25, .9} {
			p.fillRect(.1+float64(i%3)*.28, .1+float64(i/3)*.28, .24, .24, a)
		}
	},
	keymap.Markers: func(p iconPen) { // a problem ring around a gap
		p.circle(.5, .5, .32)
		for _, d := range [][2]float64{{.1, .12}, {.9, .15}, {.12, .9}, {.88, .88}} {
			p.dot(d[0], d[1], .06)
		}
	},
	keymap.Profile: func(p iconPen) { // a density curve on axes
		p.poly(false, .1, .1, .1, .9, .92, .9)
		p.poly(false, .18, .78, .35, .72, .5, .45, .65, .28, .9, .25)
	},
	keymap.Split: func(p iconPen) { // two halves
		p.rect(.1, .18, .8, .64)
		p.line(.5, .18, .5, .82)
	},
	keymap.Grid: func(p iconPen) { // a ruler grid
		for _, u := range []float64{.15, .5, .85} {
			p.line(u, .1, u, .9)
			p.line(.1, u, .9, u)
		}
	},
	keymap.GaugeDown: func(p iconPen) { // a smaller dot
		p.dot(.3, .5, .1)
		p.line(.55, .5, .9, .5)
	},
	keymap.GaugeUp: func(p iconPen) { // a larger dot
		p.dot(.3, .5, .2)
		p.line(.58, .5, .92, .5)
		p.line(.75, .33, .75, .67)
	},
	keymap.Help: func(p iconPen) { // a question mark
		p.arc(.5, .33, .18, -math.Pi, math.Pi*0.4, false)
		p.poly(false, .5+.18*math.Cos(math.Pi*0.4), .33+.18*math.Sin(math.Pi*0.4), .5, .6, .5, .66)
		p.dot(.5, .84, .07)
	},
	keymap.Undo: func(p iconPen) { p.arc(.5, .55, .3, math.Pi*0.1, -math.Pi*1.1, true) },
	keymap.Redo: func(p iconPen) { p.arc(.5, .55, .3, math.Pi*0.9, math.Pi*2.1, true) },
	keymap.Save: func(p iconPen) { // a floppy disk
		p.poly(true, .15, .12, .75, .12, .88, .25, .88, .88, .15, .88)
		p.rect(.3, .12, .36, .24)
		p.rect(.28, .55, .46, .33)
	},
	keymap.Open: func(p iconPen) { // a folder
		p.poly(true, .1, .25, .38, .25, .46, .35, .9, .35, .9, .85, .1, .85)
		p.line(.1, .47, .9, .47)
	},
	keymap.Exercises: func(p iconPen) { // a list
		for _, y := range []float64{.25, .5, .75} {
			p.dot(.18, y, .06)
			p.line(.33, y, .88, y)
		}
	},
	keymap.Settings: func(p iconPen) { // a person: the trainee's name
		p.circle(.5, .32, .17)
		p.arc(.5, .95, .35, -math.Pi, 0, false)
	},
	keymap.Review: func(p iconPen) { // play
		p.poly(true, .3, .18, .82, .5, .3, .82)
	},
	keymap.Quit: func(p iconPen) { // the power sign
		p.arc(.5, .55, .32, -math.Pi*0.3, math.Pi*1.3, false)
		p.line(.5, .1, .5, .5)
	},
}

// drawIcon draws action a's icon in the s×s square at (x, y) with stroke
// width w; it reports false when the action has no icon.
func drawIcon(dst *ebiten.Image, a keymap.Action, x, y, s, w float64) bool {
	draw, ok := toolIcons[a]
	if ok {
		draw(iconPen{dst: dst, x: float32(x), y: float32(y), s: float32(s), w: float32(w)})
	}
	return ok
}
