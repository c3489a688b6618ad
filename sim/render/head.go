package render

import (
	"image"
	"image/color"
	"math"

	"github.com/lucasb-eyer/go-colorful"

	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// HeadSide says from where HeadPicture shows the model head.
type HeadSide int

const (
	// Front is the face as the client sees it in a mirror: the client's
	// right on the right of the picture.
	Front HeadSide = iota
	// Side is the client's left profile, the face toward the left.
	Side
)

// String names the view for captions and file names.
func (s HeadSide) String() string {
	if s == Side {
		return "side"
	}
	return "front"
}

// HeadScene is what the front and side views show: the chart of a head
// template (skin, stubble, scars, the impressions) wrapped back onto the
// model head, a simple face below it, and the hairline designs.
type HeadScene struct {
	// Template is the head chart; a practice field draws nothing.
	Template *scalp.Template
	// Impressions are drawn at Stage.
	Impressions []impression.Impression
	Stage       appearance.Stage
	// Face is the client's face (client.Face); its zero value gets
	// average proportions (model).
	Face client.Face
	// Design is the trainee's design, drawn as a solid line with its
	// points; Reference the instructor's, dashed. Either may be nil.
	Design, Reference *design.Design
	// Marks are the points of a design still being marked (chart mm),
	// drawn as the design's points are: a trainee sees on the face where
	// each point went before the line can be drawn.
	Marks []geom.Point
}

// Colours of the designs on the head views.
var (
	designColour    = color.RGBA{R: 0xd8, G: 0x1b, B: 0x60, A: 0xff} // the trainee's line: magenta
	referenceColour = color.RGBA{R: 0x1e, G: 0x88, B: 0xe5, A: 0xff} // the instructor's: blue
)

// modelNote is printed on every head view: the picture is a model, not a
// likeness of anyone.
const modelNote = "Model head: a sphere with a sketched face, not a likeness"

// HeadPicture draws the model head seen from side in a w×h image: the
// template's chart wrapped onto the sphere it flattens (scalp.Head.ToSkin),
// lit from the upper front, the face sketched below the brow line from
// the client's proportions (brows, eyes, nose, mouth, forehead creases,
// ear), the designs over it, and a note that it is a model. It is a pure
// function of its inputs, like every picture of this package.
func HeadPicture(sc HeadScene, side HeadSide, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, max(w, 0), max(h, 0)))
	fillRect(img, img.Bounds(), Background)
	t := sc.Template
	if t == nil || t.Landmarks == nil || w < 16 || h < 16 {
		return img
	}
	f := withDefaults(sc.Face)
	hd := t.Head
	R := hd.RadiusMM
	chin := f.NoseMM + f.ChinMM
	cam := headCamFor(sc, side, w, h)
	skin := hexOr(t.Skin, colorful.Color{R: 0.85, G: 0.72, B: 0.6})
	hair := hexOr(t.HairColour, colorful.Color{R: 0.15, G: 0.1, B: 0.08})

	p := newPainter(img, View{PxPerMM: 1}, 1)
	defer p.release()
	lower := cam.lowerFace(R, f, chin)
	// Neck first, then the lower face and ear, then the scalp on top.
	cam.neck(p, R, chin, skin)
	p.s.begin()
	for _, q := range lower {
		p.s.add(q.x, q.y)
	}
	p.s.end()
	p.fillFunc(&p.s, func(x, y int, m uint8) (color.RGBA, uint32) {
		return shadeLower(cam, skin, float64(x)+0.5, float64(y)+0.5, R, chin), uint32(m) * 257
	})
	cam.wrap(img, t, sc, R)
	cam.features(p, R, f, skin, hair)
	// The trainee's line, then the reference dashed over it, so where
	// they agree both show.
	if d := sc.Design; d != nil {
		cam.line(p, hd, d.Line, designColour, 2, false)
		for _, q := range d.Points() {
			cam.point(p, hd, q.P, designColour)
		}
	}
	for _, q := range sc.Marks {
		cam.point(p, hd, q, designColour)
	}
	if sc.Reference != nil {
		cam.line(p, hd, sc.Reference.Line, referenceColour, 1.2, true)
	}
	title := "Front, as in a mirror"
	if side == Side {
		title = "Left side"
	}
	ink, halo := color.RGBA{0x20, 0x20, 0x20, 0xff}, color.RGBA{0xff, 0xff, 0xff, 0xc0}
	size := math.Max(10, math.Min(14, float64(w)/36))
	drawText(img, title, 6, size+4, size, ink, halo)
	drawText(img, modelNote, 6, float64(h)-6, math.Max(9, size*0.8), ink, halo)
	return img
}

// headCamFor places the camera so that the head fits a w×h picture from
// above the apex to below the chin, with room for the note's line.
func headCamFor(sc HeadScene, side HeadSide, w, h int) headCam {
	f := withDefaults(sc.Face)
	R := sc.Template.Head.RadiusMM
	tall, wide := R+f.NoseMM+f.ChinMM+18, 2*R+24
	if side == Side {
		wide = 2*R + 40
	}
	s := math.Min(float64(w)/wide, float64(h-20)/tall)
	cam := headCam{side: side, s: s, cx: float64(w) / 2, cz: 10 + (R+8)*s}
	if side == Side {
		cam.cx = float64(w)/2 + 14*s
	}
	return cam
}

// withDefaults fills a zero face with average proportions (model
// assumption, the middle of assets/clients' ranges).
func withDefaults(f client.Face) client.Face {
	def := client.Face{CanthusMM: 47, MidPupilMM: 31, EyeMM: 17, NoseMM: 65, ChinMM: 68, Creases: 2}
	if f.CanthusMM == 0 {
		f.CanthusMM = def.CanthusMM
	}
	if f.MidPupilMM == 0 {
		f.MidPupilMM = def.MidPupilMM
	}
	if f.EyeMM == 0 {
		f.EyeMM = def.EyeMM
	}
	if f.NoseMM == 0 {
		f.NoseMM = def.NoseMM
	}
	if f.ChinMM == 0 {
		f.ChinMM = def.ChinMM
	}
	return f
}

// headCam is an orthographic camera on the model head. Skin coordinates
// (scalp.Head.ToSkin) are mm from the head's centre: X to the client's
// right, Y toward the nape, Z up. The front view looks along +Y (the
// client's right on the picture's right, as in a mirror); the side view
// looks at the client's left, the face toward the picture's left.
type headCam struct {
	side   HeadSide
	s      float64 // px per mm
	cx, cz float64 // pixel of the head's centre
}

// px returns the pixel of skin point v and whether it faces the camera.
func (c headCam) px(v geom.Vec3) (pt, bool) {
	if c.side == Side {
		return pt{c.cx + v.Y*c.s, c.cz - v.Z*c.s}, v.X <= 0
	}
	return pt{c.cx + v.X*c.s, c.cz - v.Z*c.s}, v.Y <= 0
}

// face returns a pixel for face coordinates: a across (client's right +)
// in the front view, forward depth d (mm in front of the head's centre)
// in the side view, and height z above the brow line.
func (c headCam) face(a, d, z float64) pt {
	if c.side == Side {
		return pt{c.cx - d*c.s, c.cz - z*c.s}
	}
	return pt{c.cx + a*c.s, c.cz - z*c.s}
}

// light is the direction the light comes from: above, in front, a little
// to the client's right (model: a studio key light).
var light = func() geom.Vec3 {
	v := geom.Vec3{X: 0.35, Y: -0.8, Z: 0.55}
	n := v.Norm()
	return geom.Vec3{X: v.X / n, Y: v.Y / n, Z: v.Z / n}
}()

// lambert is the brightness of a surface with unit normal n.
func lambert(n geom.Vec3) float64 { return 0.6 + 0.4*math.Max(0, n.Dot(light)) }

func shade(c colorful.Color, k float64) color.RGBA {
	return rgba8(colorful.Color{R: c.R * k, G: c.G * k, B: c.B * k}.Clamped())
}

// wrap draws the upper hemisphere: each pixel's skin point, its chart
// point's colour in a chart picture of the template, lit.
func (c headCam) wrap(img *image.RGBA, t *scalp.Template, sc HeadScene, R float64) {
	// The chart at about twice the view's scale, so stubble and dots
	// average down instead of aliasing.
	texScale := math.Max(2, 2*c.s)
	b := t.Bounds()
	tw, th := int(math.Ceil(b.Dx()*texScale))+2, int(math.Ceil(b.Dy()*texScale))+2
	tex := image.NewRGBA(image.Rect(0, 0, tw, th))
	tv := View{Origin: b.Min, PxPerMM: texScale}
	Chart(tex, t, sc.Impressions, tv, Options{Hair: true, Scars: true, Stage: sc.Stage})
	skin := hexOr(t.Skin, colorful.Color{R: 0.85, G: 0.72, B: 0.6})
	bnd := img.Bounds()
	for y := bnd.Min.Y; y < bnd.Max.Y; y++ {
		for x := bnd.Min.X; x < bnd.Max.X; x++ {
			a, z := (float64(x)+0.5-c.cx)/c.s, (c.cz-float64(y)-0.5)/c.s
			if z < 0 || a*a+z*z > R*R {
				continue
			}
			depth := math.Sqrt(R*R - a*a - z*z)
			v := geom.Vec3{X: a, Y: -depth, Z: z}
			if c.side == Side {
				v = geom.Vec3{X: -depth, Y: a, Z: z}
			}
			n := geom.Vec3{X: v.X / R, Y: v.Y / R, Z: v.Z / R}
			cp := t.Head.FromSkin(v)
			var col colorful.Color
			if t.Outline.Contains(cp) {
				col = sample(tex, tv, cp)
			} else {
				col = skin
			}
			o := img.PixOffset(x, y)
			cc := shade(col, lambert(n))
			img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = cc.R, cc.G, cc.B, 0xff
		}
	}
}

// sample reads the texture at chart point p, bilinearly.
func sample(tex *image.RGBA, v View, p geom.Point) colorful.Color {
	x, y := v.ToPx(p)
	x, y = x-0.5, y-0.5
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(x0), y-float64(y0)
	var acc [3]float64
	for _, q := range [4]struct {
		dx, dy int
		w      float64
	}{{0, 0, (1 - fx) * (1 - fy)}, {1, 0, fx * (1 - fy)}, {0, 1, (1 - fx) * fy}, {1, 1, fx * fy}} {
		px, py := min(max(x0+q.dx, 0), tex.Rect.Dx()-1), min(max(y0+q.dy, 0), tex.Rect.Dy()-1)
		o := tex.PixOffset(px, py)
		for k := range 3 {
			acc[k] += q.w * float64(tex.Pix[o+k]) / 255
		}
	}
	return colorful.Color{R: acc[0], G: acc[1], B: acc[2]}
}

// jawHalfWidth is the lower face's half-width at depth t (0 at the brow
// line, 1 at the chin) as a share of the head's radius: cheeks, then the
// jaw narrowing to a rounded chin (model).
func jawHalfWidth(t float64) float64 {
	t = math.Min(1, math.Max(0, t))
	return (1 - 0.45*t*t) * math.Sqrt(1-math.Pow(t, 6))
}

// profile is the face's forward reach, in mm in front of the head's
// centre beyond R, at heights z below the brow line (the side view):
// brow ridge, eye socket, nose, lips, chin (model sketch).
func profile(f client.Face) [][2]float64 {
	n, c := f.NoseMM, f.ChinMM
	return [][2]float64{
		{0, 3}, {-f.EyeMM * 0.6, -3}, {-f.EyeMM - 4, 1}, {-n + 10, 20}, {-n + 2, 16},
		{-n - 1, 7}, {-n - 0.25*c, 11}, {-n - 0.38*c, 8}, {-n - 0.5*c, 10}, {-n - 0.68*c, 3},
		{-n - 0.9*c, 8}, {-n - c, -2},
	}
}

// lowerFace returns the outline of the face below the brow line, in
// pixels.
func (c headCam) lowerFace(R float64, f client.Face, chin float64) []pt {
	var out []pt
	if c.side == Side {
		for _, q := range profile(f) {
			out = append(out, c.face(0, R+q[1], q[0]))
		}
		// Under the jaw and back up behind the ear to the equator.
		out = append(out, c.face(0, R*0.55, -chin+4), c.face(0, R*0.05, -chin*0.62), c.face(0, -R*0.55, -chin*0.45),
			c.face(0, -R*0.9, -chin*0.2), c.face(0, -R, 0))
		return out
	}
	const steps = 48
	for i := 0; i <= steps; i++ {
		t := float64(i) / steps
		out = append(out, c.face(-R*jawHalfWidth(t), 0, -t*chin))
	}
	for i := steps; i >= 0; i-- {
		t := float64(i) / steps
		out = append(out, c.face(R*jawHalfWidth(t), 0, -t*chin))
	}
	return out
}

// shadeLower lights the lower face as the lower half of an ellipsoid
// with the head's radius and the face's length (model).
func shadeLower(c headCam, skin colorful.Color, x, y, R, chin float64) color.RGBA {
	z := (c.cz - y) / c.s
	a := (x - c.cx) / c.s
	t := -z / chin
	w := R * math.Max(0.05, jawHalfWidth(t))
	if c.side == Side {
		w = R
	}
	u := math.Max(-1, math.Min(1, a/w))
	n := geom.Vec3{X: u, Y: -math.Sqrt(1 - u*u), Z: -0.25 * t}
	if c.side == Side {
		n = geom.Vec3{X: -math.Sqrt(1 - u*u), Y: u, Z: -0.25 * t}
	}
	nn := n.Norm()
	return shade(skin, lambert(geom.Vec3{X: n.X / nn, Y: n.Y / nn, Z: n.Z / nn}))
}

// neck draws the neck under the face.
func (c headCam) neck(p *painter, R, chin float64, skin colorful.Color) {
	col := shade(skin, 0.72)
	bottom := float64(p.dst.Rect.Max.Y) + 2
	half := R * 0.5
	if c.side == Side {
		a, b := c.face(0, R*0.35, -chin*0.6), c.face(0, -R*0.55, -chin*0.3)
		p.s.begin()
		p.s.add(a.x, a.y)
		p.s.add(b.x, b.y)
		p.s.add(b.x-4*c.s, bottom)
		p.s.add(a.x+6*c.s, bottom)
		p.s.end()
		p.fill(&p.s, col)
		return
	}
	a, b := c.face(-half, 0, -chin*0.6), c.face(half, 0, -chin*0.6)
	p.s.begin()
	p.s.add(a.x, a.y)
	p.s.add(b.x, b.y)
	p.s.add(b.x+8*c.s, bottom)
	p.s.add(a.x-8*c.s, bottom)
	p.s.end()
	p.fill(&p.s, col)
}

// features sketches the face: brows, eyes, nose, mouth, forehead creases
// and, from the side, the ear.
func (c headCam) features(p *painter, R float64, f client.Face, skin, hair colorful.Color) {
	line := shade(skin, 0.45)
	brow := rgba8(mixLab(hair, colorful.Color{R: 0.1, G: 0.08, B: 0.07}, 0.3))
	stroke := func(ps []pt, hwMM float64, col color.RGBA) {
		p.s.stroke(ps, hwMM*c.s, false)
		p.fill(&p.s, col)
	}
	mp, can, eye := f.MidPupilMM, f.CanthusMM, f.EyeMM
	// Forehead creases: faint arcs 12 mm apart above the brows (model),
	// drawn on the sphere so they curve round it.
	for k := 1; k <= f.Creases; k++ {
		z := 10 + 7*float64(k)
		var ps []pt
		for i := 0; i <= 24; i++ {
			a := -32 + 64*float64(i)/24
			ps = append(ps, c.sphere(R, a, z+1.5*math.Cos(a/32*math.Pi/2)))
		}
		if c.side == Side {
			ps = ps[:10]
		}
		stroke(ps, 0.35, withAlpha(line, 0.45))
	}
	if c.side == Side {
		// Brow, eye and nostril of the left profile; the ear.
		stroke([]pt{c.sphere(R, -mp-10, 0.5), c.sphere(R, -mp, 2.5), c.sphere(R, -can-4, 0)}, 1.6, brow)
		e := []pt{c.face(0, R-6, -eye+1.5), c.face(0, R-12, -eye), c.face(0, R-6, -eye-1.5)}
		stroke(e, 0.6, line)
		stroke([]pt{c.face(0, R+8, -f.NoseMM+3), c.face(0, R+3, -f.NoseMM+1)}, 0.6, line)
		ear := c.face(0, -8, -eye-14)
		p.s.ring(ear, 13*c.s, 0.6*c.s)
		p.fill(&p.s, line)
		stroke([]pt{c.face(0, -2, -eye-6), c.face(0, -10, -eye-18), c.face(0, -4, -eye-28)}, 0.5, line)
		return
	}
	for _, sg := range []float64{-1, 1} {
		// The brow arches over the eye from above its inner corner to past
		// the lateral canthus.
		stroke([]pt{c.face(sg*(mp-14), 0, -1), c.face(sg*mp, 0, 2.5), c.face(sg*(can+6), 0, -1)}, 1.8, brow)
		// The eye: an almond from the inner corner to the lateral canthus,
		// the iris on the mid-pupil line.
		in, out := c.face(sg*(mp-13), 0, -eye), c.face(sg*can, 0, -eye+1)
		top, bot := c.face(sg*mp, 0, -eye+4), c.face(sg*mp, 0, -eye-3.5)
		p.s.begin()
		for _, q := range []pt{in, top, out, bot} {
			p.s.add(q.x, q.y)
		}
		p.s.end()
		p.fill(&p.s, color.RGBA{0xf4, 0xf1, 0xea, 0xff})
		p.s.disc(c.face(sg*mp, 0, -eye), 4.5*c.s)
		p.fill(&p.s, color.RGBA{0x3a, 0x2c, 0x22, 0xff})
		stroke([]pt{in, top, out}, 0.45, line)
		stroke([]pt{c.face(sg*6, 0, -eye-3), c.face(sg*10, 0, -f.NoseMM+5)}, 0.45, withAlpha(line, 0.7))
	}
	n := -f.NoseMM
	stroke([]pt{c.face(-13, 0, n+3), c.face(-8, 0, n), c.face(0, 0, n+1.5), c.face(8, 0, n), c.face(13, 0, n+3)}, 0.5, line)
	m := n - 0.38*f.ChinMM
	stroke([]pt{c.face(-24, 0, m+1.5), c.face(0, 0, m-1), c.face(24, 0, m+1.5)}, 0.6, line)
}

// sphere returns the pixel of the point on the model sphere at face
// coordinates (a across, z up) seen from the camera.
func (c headCam) sphere(R, a, z float64) pt {
	if c.side == Side {
		return c.face(0, math.Sqrt(math.Max(0, R*R-a*a-z*z)), z)
	}
	return c.face(a, 0, z)
}

// line draws a chart polyline over the head, the runs that face the
// camera only.
func (c headCam) line(p *painter, h scalp.Head, l geom.Polyline, col color.RGBA, hwPx float64, dashed bool) {
	var run []pt
	flush := func() {
		if len(run) > 1 {
			if dashed {
				p.dashed(run, hwPx, 7, 5)
			} else {
				p.s.stroke(run, hwPx, false)
			}
			p.fill(&p.s, col)
		}
		run = run[:0]
	}
	for _, q := range l {
		x, ok := c.px(h.ToSkin(q))
		if !ok {
			flush()
			continue
		}
		run = append(run, x)
	}
	flush()
}

// point draws a marked design point as a ringed dot.
func (c headCam) point(p *painter, h scalp.Head, q geom.Point, col color.RGBA) {
	x, ok := c.px(h.ToSkin(q))
	if !ok {
		return
	}
	p.s.disc(x, 3.5)
	p.fill(&p.s, color.RGBA{0xff, 0xff, 0xff, 0xff})
	p.s.disc(x, 2.5)
	p.fill(&p.s, col)
}
