package render

import (
	"image"
	"image/draw"
	"math"
	"testing"

	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	shadeadv "github.com/smptrainer/smp/sim/shade"
	"github.com/smptrainer/smp/sim/viewer"
)

// distancePicture is the README's picture of the same work seen from
// 0.3 m and from 2 m (sim/viewer's eye blur): the 20 × 20 mm square at
// 80 dots per cm², the left half in the advised ink, the right half in
// neat carbon black. Panels: sharp, 0.3 m, 2 m.
const distancePicture = "../../assets/screenshots/distance.png"

// TestDistancePicture makes distancePicture with -update, and checks what
// it shows: from 0.3 m the neat half keeps more light–dark texture than
// the advised half, from 2 m less than from 0.3 m, and from 2 m the neat
// half still reads darker as an area.
func TestDistancePicture(t *testing.T) {
	sq := square20(t)
	cl, err := shadeadv.ClientOf(sq, 3)
	if err != nil {
		t.Fatal(err)
	}
	best := shadeadv.AdviseFor(cl.Skin, cl.Hair, shadeadv.Viewing{PerCM2: 80})[0]
	ims := squareDots(sq)
	for i := range ims {
		ims[i].Needle = impression.DefaultNeedle
		ims[i].DiameterMM = impression.DefaultNeedle.DotDiameterMM()
		ims[i].Depth = impression.Target
		ims[i].Pigment, ims[i].Dilution = best.PigmentID, best.Dilution
		if ims[i].Pos.X > 0 {
			ims[i].Pigment, ims[i].Dilution = "carbon-black", 0
		}
	}
	const px = 16 // px per mm: a 0.13 mm dot is 2 px
	b := sq.Bounds()
	v := View{Origin: geom.Point{X: b.Min.X, Y: b.Min.Y}, PxPerMM: px}
	w, h := int(b.Dx()*px), int(b.Dy()*px)
	sharp := newImg(w, h)
	Template(sharp, sq, v, Preview(appearance.Healed))
	Dots(sharp, sq, ims, v, appearance.Healed)
	near, far := viewer.Blur(sharp, px, 0.3), viewer.Blur(sharp, px, 2)

	stats := func(img *image.RGBA, x0, x1 int) (mean, texture float64) {
		var s, s2, n float64
		for y := h / 8; y < 7*h/8; y++ {
			for x := x0; x < x1; x++ {
				c := img.RGBAAt(x, y)
				l := float64(c.R) + float64(c.G) + float64(c.B)
				s, s2, n = s+l, s2+l*l, n+1
			}
		}
		return s / n, math.Sqrt(math.Max(0, s2/n-(s/n)*(s/n)))
	}
	texture := func(img *image.RGBA, x0, x1 int) float64 { _, t := stats(img, x0, x1); return t }
	l, r := [2]int{w / 16, 7 * w / 16}, [2]int{9 * w / 16, 15 * w / 16}
	if !(texture(near, r[0], r[1]) > texture(near, l[0], l[1])) {
		t.Errorf("from 0.3 m neat carbon shows no more texture than the advised ink")
	}
	if ml, _ := stats(far, l[0], l[1]); !(func() bool { mr, _ := stats(far, r[0], r[1]); return mr < ml })() {
		t.Errorf("from 2 m the neat half does not read darker")
	}
	if !(texture(far, r[0], r[1]) < texture(near, r[0], r[1])) {
		t.Errorf("neat carbon shows no less texture from 2 m than from 0.3 m")
	}
	if *update {
		out := newImg(3*w+2*8, h)
		draw.Draw(out, out.Bounds(), &image.Uniform{Background}, image.Point{}, draw.Src)
		for i, img := range []*image.RGBA{sharp, near, far} {
			draw.Draw(out, image.Rect(i*(w+8), 0, i*(w+8)+w, h), img, image.Point{}, draw.Src)
		}
		writePNG(t, distancePicture, out)
	}
}
