package render

import (
	"bufio"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/smptrainer/smp/assets"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// Chart draws the template with the layers o asks for, the impressions at
// o.Stage, then the overlays: the density heatmap, the problem markers and,
// with o.ScaleBar, a 10 mm scale bar in the bottom-left corner of dst.
func Chart(dst *image.RGBA, t *scalp.Template, ims []impression.Impression, v View, o Options) {
	Template(dst, t, v, o)
	if t == nil || !v.Valid() {
		return
	}
	Dots(dst, t, ims, v, o.Stage)
	p := newPainter(dst, v, o.LineScale)
	defer p.release()
	if o.Heatmap != nil && len(t.Outline) >= 3 {
		drawHeatmap(p, t, o.Heatmap)
	}
	drawMarkers(p, o.Markers)
	if o.ScaleBar {
		drawScaleBar(p)
	}
}

// Picture returns a new w×h image of the chart, the template fitted with
// marginPx pixels to spare on every side: the one call a report needs.
// Non-positive sizes give an empty image.
func Picture(t *scalp.Template, ims []impression.Impression, w, h, marginPx int, o Options) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, max(w, 0), max(h, 0)))
	if t == nil || w <= 0 || h <= 0 {
		fillRect(img, img.Bounds(), Background)
		return img
	}
	Chart(img, t, ims, FitView(t.Bounds(), w, h, marginPx), o)
	return img
}

// minMarkerRadiusPx keeps markers visible on a zoomed-out chart.
const minMarkerRadiusPx = 5

// MarkerHalo is the dark outline under every marker, so markers read on
// pale skin, dark skin and heatmap alike.
var MarkerHalo = color.RGBA{0x10, 0x10, 0x10, 0xa0}

func drawMarkers(p *painter, ms []Marker) {
	if len(ms) == 0 {
		return
	}
	hw := 0.9 * p.ls
	// All halos first, then all strokes, so one marker's halo never
	// covers another's stroke.
	for pass := range 2 {
		for _, m := range ms {
			if !m.Pos.IsFinite() {
				continue
			}
			r := m.RadiusMM
			if !(r > 0) || math.IsInf(r, 0) {
				r = DefaultMarkerRadiusMM
			}
			rp := math.Max(r*p.v.PxPerMM, minMarkerRadiusPx*p.ls)
			x, y := p.v.ToPx(m.Pos)
			c := pt{x, y}
			w := hw
			col := MarkerColour(m.Kind)
			if pass == 0 {
				w = hw + 1.1*p.ls
				col = MarkerHalo
			}
			if MarkerIsCross(m.Kind) {
				k := rp / math.Sqrt2
				p.s.stroke([]pt{{x - k, y - k}, {x + k, y + k}}, w, false)
				p.s.stroke([]pt{{x - k, y + k}, {x + k, y - k}}, w, false)
			} else {
				p.s.ring(c, rp, w)
			}
			p.fill(&p.s, col)
		}
	}
}

// scaleBarMM is the scale bar's length: 1 cm, the unit densities are
// quoted in (domain.md §3). It shortens to 5, 2 or 1 mm when 1 cm would
// take more than half the picture's width, and lengthens to 2 or 5 cm when
// 1 cm would be shorter than minScaleBarPx, too short to read (a whole
// head in a small report picture).
const (
	scaleBarMM    = 10
	minScaleBarPx = 30
)

// The scale bar's colours, picked against the ground like the guide
// lines: dark ink over a light halo on pale skin, light ink over a dark
// halo on dark skin and on the background outside the outline, so bar and
// label read on both.
var (
	scaleInk  = guide{color.RGBA{0x10, 0x10, 0x18, 0xff}, color.RGBA{0xf4, 0xf4, 0xf4, 0xff}}
	scaleHalo = guide{color.RGBA{0xff, 0xff, 0xff, 0xb0}, color.RGBA{0, 0, 0, 0xa0}}
)

// DrawScaleBar draws the scale bar Chart draws with Options.ScaleBar in the
// bottom-left corner of dst, at view v and line scale lineScale (as
// Options.LineScale), and returns its length in mm; 0, drawing nothing,
// for an invalid view or an empty dst. It is for a caller that draws over
// the chart before adding the bar (a report's magnified inset) or names
// the bar's length in a caption.
func DrawScaleBar(dst *image.RGBA, v View, lineScale float64) float64 {
	if dst == nil || dst.Bounds().Empty() || !v.Valid() {
		return 0
	}
	p := newPainter(dst, v, lineScale)
	defer p.release()
	return drawScaleBar(p)
}

// drawScaleBar draws the bar and returns its length in mm.
func drawScaleBar(p *painter) float64 {
	b := p.dst.Bounds()
	mm := float64(scaleBarMM)
	for _, alt := range []float64{5, 2, 1} {
		if mm*p.v.PxPerMM <= float64(b.Dx())/2 {
			break
		}
		mm = alt
	}
	for _, alt := range []float64{20, 50} {
		if mm*p.v.PxPerMM >= minScaleBarPx*p.ls || alt*p.v.PxPerMM > float64(b.Dx())/2 {
			break
		}
		mm = alt
	}
	l := mm * p.v.PxPerMM
	margin := 12 * p.ls
	x0 := float64(b.Min.X) + margin
	y0 := float64(b.Max.Y) - margin
	x1 := x0 + l
	tick := 4 * p.ls
	bar := []pt{{x0, y0 - tick}, {x0, y0}, {x1, y0}, {x1, y0 - tick}}
	size := 11 * p.ls
	ty := y0 - tick - 4*p.ls
	// One choice for the whole label (a per-pixel pick would break the
	// letters up), from the ground under it, before the halo covers it.
	ink, halo := scaleInk.light, scaleHalo.light
	if !darkGround(p.dst, image.Rect(int(x0), int(ty-size), int(x0+4*size), int(ty+2))) {
		ink, halo = scaleInk.dark, scaleHalo.dark
	}
	p.s.stroke(bar, 2.2*p.ls, false)
	p.fillGuide(&p.s, scaleHalo)
	p.s.stroke(bar, 1.0*p.ls, false)
	p.fillGuide(&p.s, scaleInk)
	drawText(p.dst, fmt.Sprintf("%g mm", mm), x0, ty, size, ink, halo)
	return mm
}

var (
	fontOnce sync.Once
	fontReg  *sfnt.Font
)

// regularFont returns the embedded Go Regular face, or nil if the asset is
// missing or broken (text is then left out, never a panic).
func regularFont() *sfnt.Font {
	fontOnce.Do(func() {
		data, err := assets.FS.ReadFile("fonts/Go-Regular.ttf")
		if err != nil {
			return
		}
		f, err := opentype.Parse(data)
		if err != nil {
			return
		}
		fontReg = f
	})
	return fontReg
}

// darkGround reports whether the pixels of dst in r are on average dark
// ground for the guides (see guide.pick).
func darkGround(dst *image.RGBA, r image.Rectangle) bool {
	r = r.Intersect(dst.Bounds())
	if r.Empty() {
		return true
	}
	var sum [3]uint64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := dst.Pix[dst.PixOffset(r.Min.X, y):]
		for x := range r.Dx() {
			for c := range 3 {
				sum[c] += uint64(row[4*x+c])
			}
		}
	}
	n := uint64(r.Dx() * r.Dy())
	mean := []uint8{uint8(sum[0] / n), uint8(sum[1] / n), uint8(sum[2] / n)}
	return guide{light: color.RGBA{A: 1}}.pick(mean).A == 1
}

// drawText draws s in c with its baseline starting at (x, y) px, over a
// one-pixel halo in colour halo, so it reads on any background, and on a
// label that straddles light and dark ground.
func drawText(dst *image.RGBA, s string, x, y, sizePx float64, c, halo color.RGBA) {
	f := regularFont()
	if f == nil || !(sizePx > 0) {
		return
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: sizePx, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return
	}
	defer face.Close()
	draw := func(dx, dy int, col color.RGBA) {
		// The renderer's colours are not premultiplied (see fill).
		d := font.Drawer{
			Dst:  dst,
			Src:  image.NewUniform(color.NRGBA(col)),
			Face: face,
			Dot:  fixed.P(int(math.Round(x))+dx, int(math.Round(y))+dy),
		}
		d.DrawString(s)
	}
	// The halo: the text drawn one pixel off in the four axis directions,
	// then the text itself. (Diagonals too would fill the counters of
	// small letters and blur them.)
	for _, o := range [4][2]int{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
		draw(o[0], o[1], halo)
	}
	draw(0, 0, c)
}

// PNG encodes img as a PNG with the encoder's default compression.
func PNG(w io.Writer, img image.Image) error {
	bw := bufio.NewWriter(w)
	if err := png.Encode(bw, img); err != nil {
		return fmt.Errorf("render: encoding PNG: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("render: writing PNG: %w", err)
	}
	return nil
}
