package viewer

import (
	"image"
	"math"
)

// Blur returns img as an eye sees it from distanceM metres: S-CIELAB's
// filters (see the package comment) applied to a picture of the scalp
// drawn at pxPerMM pixels per chart millimetre, such as the renderer's
// chart. The result has img's bounds and is opaque where img is. Edges are
// mirrored, so a uniform picture stays uniform. A non-positive scale or
// distance returns a copy of img.
func Blur(img *image.RGBA, pxPerMM, distanceM float64) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(b)
	copy(out.Pix, img.Pix)
	w, h := b.Dx(), b.Dy()
	if w == 0 || h == 0 || !(pxPerMM > 0) || !(distanceM > 0) || math.IsInf(pxPerMM*distanceM, 0) {
		return out
	}
	lin := blurLinear(img, pxPerMM, distanceM)
	for y := range h {
		for x := range w {
			i := out.PixOffset(b.Min.X+x, b.Min.Y+y)
			for c := range 3 {
				out.Pix[i+c] = linearToSRGB8(float64(lin[c][y*w+x]))
			}
		}
	}
	return out
}

// BlurWithin is Blur of the part of img where inside(x, y) holds (the
// scalp), as if nothing else were there: pixels outside (a background
// that is not skin, such as the window around a head) take no part in
// the blur and are returned unchanged. Each of the filters' Gaussians is
// applied as a normalised convolution (the blur of the masked picture
// divided by the blur of the mask), so a uniform scalp stays uniform up
// to its outline. Blur itself would spread a dark background into the
// scalp's edge and the filters' negative lobe would push the edge's
// luminance below black while its warm chroma stays, which the display
// clips into a red fringe.
func BlurWithin(img *image.RGBA, inside func(x, y int) bool, pxPerMM, distanceM float64) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(b)
	copy(out.Pix, img.Pix)
	w, h := b.Dx(), b.Dy()
	if w == 0 || h == 0 || !(pxPerMM > 0) || !(distanceM > 0) || math.IsInf(pxPerMM*distanceM, 0) {
		return out
	}
	mask := make([]float32, w*h)
	for y := range h {
		for x := range w {
			if inside(b.Min.X+x, b.Min.Y+y) {
				mask[y*w+x] = 1
			}
		}
	}
	lin := blurPlanes(img, mask, pxPerMM, distanceM)
	for y := range h {
		for x := range w {
			if mask[y*w+x] == 0 {
				continue
			}
			i := out.PixOffset(b.Min.X+x, b.Min.Y+y)
			for c := range 3 {
				out.Pix[i+c] = linearToSRGB8(float64(lin[c][y*w+x]))
			}
		}
	}
	return out
}

// blurLinear is Blur's work before the final encoding: the blurred image
// as linear-light R, G, B planes, row by row.
func blurLinear(img *image.RGBA, pxPerMM, distanceM float64) [3][]float32 {
	return blurPlanes(img, nil, pxPerMM, distanceM)
}

// blurPlanes is blurLinear within mask (1 inside, 0 outside; nil: the
// whole picture).
func blurPlanes(img *image.RGBA, mask []float32, pxPerMM, distanceM float64) [3][]float32 {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	planes := [3][]float32{make([]float32, w*h), make([]float32, w*h), make([]float32, w*h)}
	for y := range h {
		for x := range w {
			i := img.PixOffset(b.Min.X+x, b.Min.Y+y)
			var lin [3]float64
			for c := range 3 {
				lin[c] = srgbToLinear[img.Pix[i+c]]
			}
			for c := range 3 {
				planes[c][y*w+x] = float32(rgbToOpp[c][0]*lin[0] + rgbToOpp[c][1]*lin[1] + rgbToOpp[c][2]*lin[2])
			}
		}
	}
	// The blurred mask, one per Gaussian width (shared by the planes).
	var weights map[float64][]float32
	if mask != nil {
		weights = map[float64][]float32{}
		for c := range planes {
			for k := range planes[c] {
				planes[c][k] *= mask[k]
			}
		}
	}
	for c, fl := range []filter{lumFilter, rgFilter, byFilter} {
		planes[c] = applyFilterWithin(planes[c], mask, weights, w, h, fl, pxPerMM, distanceM)
	}
	for k := range planes[0] {
		o := [3]float64{float64(planes[0][k]), float64(planes[1][k]), float64(planes[2][k])}
		for c := range 3 {
			planes[c][k] = float32(oppToRGB[c][0]*o[0] + oppToRGB[c][1]*o[1] + oppToRGB[c][2]*o[2])
		}
	}
	return planes
}

// applyFilterWithin returns the sum of fl's Gaussians applied to plane
// (w × h). With a mask, plane is already masked and each Gaussian's blur
// is divided by the mask's (kept in weights by width), so only the
// pixels inside count; pixels the mask's blur does not reach keep their
// own value.
func applyFilterWithin(plane, mask []float32, weights map[float64][]float32, w, h int, fl filter, pxPerMM, distanceM float64) []float32 {
	sum := make([]float32, len(plane))
	for _, g := range fl {
		sigma := g.sigmaMM(distanceM) * pxPerMM
		blurred := gaussianBlur(plane, w, h, sigma)
		if mask != nil {
			wt, ok := weights[sigma]
			if !ok {
				wt = gaussianBlur(mask, w, h, sigma)
				weights[sigma] = wt
			}
			for i := range blurred {
				if wt[i] > 1e-6 {
					blurred[i] /= wt[i]
				} else {
					blurred[i] = plane[i]
				}
			}
		}
		for i, v := range blurred {
			sum[i] += float32(g.weight) * v
		}
	}
	return sum
}

// exactSigmaPx is the widest Gaussian blurred with its own taps; wider ones
// are three box blurs (Wells 1986), whose cost does not grow with the width
// (the 7° lobe is hundreds of pixels wide) and whose response is within a
// few per cent of the Gaussian's where it matters.
const exactSigmaPx = 8.0

// gaussianBlur blurs plane (w × h) by a unit-area Gaussian of standard
// deviation sigma pixels, separably, with mirrored edges.
func gaussianBlur(plane []float32, w, h int, sigma float64) []float32 {
	out := append([]float32(nil), plane...)
	if !(sigma >= 0.2) {
		return out
	}
	line := make([]float32, max(w, h))
	tmp := make([]float32, max(w, h))
	pass := func(get func(i int) float32, set func(i int, v float32), n int) {
		for i := range n {
			line[i] = get(i)
		}
		if sigma <= exactSigmaPx {
			gaussLine(line[:n], tmp[:n], sigma)
		} else {
			for _, bw := range boxWidths(sigma) {
				boxLine(line[:n], tmp[:n], bw/2)
				copy(line[:n], tmp[:n])
			}
			copy(tmp[:n], line[:n])
		}
		for i := range n {
			set(i, tmp[i])
		}
	}
	for y := range h {
		row := out[y*w : (y+1)*w]
		pass(func(i int) float32 { return row[i] }, func(i int, v float32) { row[i] = v }, w)
	}
	for x := range w {
		pass(func(i int) float32 { return out[i*w+x] }, func(i int, v float32) { out[i*w+x] = v }, h)
	}
	return out
}

// mirror maps any index onto 0..n−1 by reflecting at both edges
// (…2 1 0 | 0 1 2 … n−1 | n−1 n−2 …), so kernels wider than the line work.
func mirror(i, n int) int {
	p := 2 * n
	i %= p
	if i < 0 {
		i += p
	}
	if i >= n {
		i = p - 1 - i
	}
	return i
}

// gaussLine writes src blurred by a sampled Gaussian to dst.
func gaussLine(src, dst []float32, sigma float64) {
	r := int(math.Ceil(3.5 * sigma))
	k := make([]float64, 2*r+1)
	var s float64
	for i := range k {
		x := float64(i - r)
		k[i] = math.Exp(-x * x / (2 * sigma * sigma))
		s += k[i]
	}
	n := len(src)
	for i := range n {
		var acc float64
		for j, kv := range k {
			acc += kv * float64(src[mirror(i+j-r, n)])
		}
		dst[i] = float32(acc / s)
	}
}

// boxWidths are the odd widths of three box blurs whose sum of variances
// is sigma² (Kovesi's rounding of Wells' method).
func boxWidths(sigma float64) [3]int {
	const n = 3
	ideal := math.Sqrt(12*sigma*sigma/n + 1)
	wl := int(math.Floor(ideal))
	if wl%2 == 0 {
		wl--
	}
	wu := wl + 2
	m := int(math.Round((12*sigma*sigma - n*float64(wl*wl) - 4*n*float64(wl) - 3*n) / (-4*float64(wl) - 4)))
	var out [3]int
	for i := range out {
		if i < m {
			out[i] = wl
		} else {
			out[i] = wu
		}
	}
	return out
}

// boxLine writes src averaged over windows of 2r+1 samples to dst, with a
// running sum.
func boxLine(src, dst []float32, r int) {
	n := len(src)
	var acc float64
	for j := -r; j <= r; j++ {
		acc += float64(src[mirror(j, n)])
	}
	inv := 1 / float64(2*r+1)
	for i := range n {
		dst[i] = float32(acc * inv)
		acc += float64(src[mirror(i+r+1, n)]) - float64(src[mirror(i-r, n)])
	}
}

// Colour conversions: linear sRGB → CIE XYZ (D65) → S-CIELAB's opponent
// space (Poirson & Wandell, as in the S-CIELAB reference code).
var (
	xyzFromRGB = [3][3]float64{
		{0.4124564, 0.3575761, 0.1804375},
		{0.2126729, 0.7151522, 0.0721750},
		{0.0193339, 0.1191920, 0.9503041},
	}
	oppFromXYZ = [3][3]float64{
		{0.2787336, 0.7218031, -0.1065520},
		{-0.4487736, 0.2898056, 0.0771569},
		{0.0859513, -0.5899859, 0.5011089},
	}
	rgbToOpp = mul3(oppFromXYZ, xyzFromRGB)
	oppToRGB = inv3(rgbToOpp)
)

func mul3(a, b [3][3]float64) [3][3]float64 {
	var m [3][3]float64
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				m[i][j] += a[i][k] * b[k][j]
			}
		}
	}
	return m
}

func inv3(m [3][3]float64) [3][3]float64 {
	det := m[0][0]*(m[1][1]*m[2][2]-m[1][2]*m[2][1]) -
		m[0][1]*(m[1][0]*m[2][2]-m[1][2]*m[2][0]) +
		m[0][2]*(m[1][0]*m[2][1]-m[1][1]*m[2][0])
	var r [3][3]float64
	for i := range 3 {
		for j := range 3 {
			a, b := (j+1)%3, (j+2)%3
			c, d := (i+1)%3, (i+2)%3
			r[i][j] = (m[a][c]*m[b][d] - m[a][d]*m[b][c]) / det
		}
	}
	return r
}

// srgbToLinear decodes an 8-bit sRGB value.
var srgbToLinear = func() (t [256]float64) {
	for i := range t {
		v := float64(i) / 255
		if v <= 0.04045 {
			t[i] = v / 12.92
		} else {
			t[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	return t
}()

// linearToSRGB8 encodes a linear value, clamped to 0..1, as 8-bit sRGB.
func linearToSRGB8(v float64) uint8 {
	v = math.Max(0, math.Min(1, v))
	if v <= 0.0031308 {
		v *= 12.92
	} else {
		v = 1.055*math.Pow(v, 1/2.4) - 0.055
	}
	return uint8(math.Round(v * 255))
}
