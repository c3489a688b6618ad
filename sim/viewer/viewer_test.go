package viewer

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/colour"
)

// TestGaussianGrating checks the blur against the closed form: a Gaussian
// of standard deviation σ passes exp(−2π²σ²f²) of a sinusoid of frequency
// f. Both the exact taps and the three-box approximation used for the
// broad lobes are held to it.
func TestGaussianGrating(t *testing.T) {
	for _, tc := range []struct {
		sigma  float64
		period int
		tol    float64
	}{{1.5, 10, 0.01}, {3, 24, 0.01}, {20, 160, 0.03}, {60, 400, 0.03}} {
		w, h := tc.period*4, 4
		plane := make([]float32, w*h)
		for y := range h {
			for x := range w {
				// Symmetric about −0.5 and w−0.5, so mirrored edges continue it.
				plane[y*w+x] = float32(math.Cos(2 * math.Pi * (float64(x) + 0.5) / float64(tc.period)))
			}
		}
		out := gaussianBlur(plane, w, h, tc.sigma)
		// The amplitude is the projection on the cosine (the samples miss
		// its peaks by half a pixel).
		var amp float64
		for x := range w {
			amp += 2 * float64(out[2*w+x]) * math.Cos(2*math.Pi*(float64(x)+0.5)/float64(tc.period)) / float64(w)
		}
		f := 1 / float64(tc.period)
		want := math.Exp(-2 * math.Pi * math.Pi * tc.sigma * tc.sigma * f * f)
		if math.Abs(amp-want) > tc.tol {
			t.Errorf("σ %.1f px, period %d px: amplitude %.4f, want %.4f", tc.sigma, tc.period, amp, want)
		}
	}
}

// TestFiltersArePublished pins the S-CIELAB filter parameters (Zhang &
// Wandell 1997, separableFilters.m) and their promise: each channel's
// weights sum to one, so a uniform area keeps its colour.
func TestFiltersArePublished(t *testing.T) {
	for name, fl := range map[string]filter{"luminance": lumFilter, "red-green": rgFilter, "blue-yellow": byFilter} {
		var s float64
		for _, g := range fl {
			s += g.weight
		}
		if math.Abs(s-1) > 1e-5 {
			t.Errorf("%s weights sum to %v", name, s)
		}
	}
	if lumFilter[0] != (gauss{0.05, 1.00327}) || rgFilter[0] != (gauss{0.0685, 0.616725}) || byFilter[0] != (gauss{0.0920, 0.567885}) {
		t.Error("main lobes differ from S-CIELAB's")
	}
	// One degree at half a metre is 8.73 mm.
	if got := MMPerDegree(0.5); math.Abs(got-8.7275) > 1e-3 {
		t.Errorf("MMPerDegree(0.5) = %v", got)
	}
	m := mul3(rgbToOpp, oppToRGB)
	for i := range 3 {
		for j := range 3 {
			want := 0.0
			if i == j {
				want = 1
			}
			if math.Abs(m[i][j]-want) > 1e-9 {
				t.Fatalf("opponent transform round trip: %v", m)
			}
		}
	}
}

func fill(img *image.RGBA, c colorful.Color) {
	r, g, b := c.RGB255()
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = r, g, b, 255
	}
}

func TestUniformStaysUniform(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 60, 40))
	skin := colorful.Color{R: 0.85, G: 0.7, B: 0.55}
	fill(img, skin)
	for _, d := range DistancesM {
		out := Blur(img, 8, d)
		for i := range out.Pix {
			if diff := int(out.Pix[i]) - int(img.Pix[i]); diff > 1 || diff < -1 {
				t.Fatalf("%g m: pixel byte %d changed %d → %d", d, i, img.Pix[i], out.Pix[i])
			}
		}
	}
}

// TestLuminanceGratingThroughBlur: a faint light–dark grating on the chart,
// blurred as a picture, keeps LuminanceMTF of its contrast, at each
// distance: the picture route against the closed form.
func TestLuminanceGratingThroughBlur(t *testing.T) {
	const pxPerMM, periodPx = 10.0, 20 // 2 mm per cycle
	w, h := periodPx*20, 8
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			v := 0.3 * (1 + 0.2*math.Cos(2*math.Pi*(float64(x)+0.5)/periodPx))
			r, g, b := colorful.LinearRgb(v, v, v).RGB255()
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = r, g, b, 255
		}
	}
	for _, d := range DistancesM {
		lin := blurLinear(img, pxPerMM, d)
		lo, hi := math.Inf(1), math.Inf(-1)
		for x := w / 4; x < 3*w/4; x++ {
			y := 0.2126*float64(lin[0][4*w+x]) + 0.7152*float64(lin[1][4*w+x]) + 0.0722*float64(lin[2][4*w+x])
			lo, hi = math.Min(lo, y), math.Max(hi, y)
		}
		got := (hi - lo) / 2 / (0.3 * 0.2)
		want := LuminanceMTF(1/(periodPx/pxPerMM), d)
		// 8-bit input quantises the grating a little.
		if math.Abs(got-want) > 0.04 {
			t.Errorf("%g m: grating keeps %.3f of its contrast, want %.3f", d, got, want)
		}
	}
}

// TestCampbell checks the analytic texture and mean against a picture: a
// patch of random dots drawn with area-exact discs, blurred by Blur's
// route, measured pixel by pixel.
func TestCampbell(t *testing.T) {
	const pxPerMM, sizeMM, sub = 10.0, 30.0, 4
	// 8-bit colours, so the picture holds exactly what the analysis does.
	skin, _ := colorful.Hex("#eddac0")
	dot, _ := colorful.Hex("#5a5552")
	for _, tc := range []struct {
		d, perCM2, dist float64
	}{{0.3, 60, 0.5}, {0.15, 90, 0.3}, {0.4, 40, 1}} {
		n := int(math.Round(tc.perCM2 * sizeMM * sizeMM / 100))
		rng := rand.New(rand.NewPCG(1, uint64(tc.perCM2)))
		w := int(sizeMM * pxPerMM)
		cover := make([]float64, w*w)
		r := tc.d / 2 * pxPerMM
		for range n {
			cx, cy := rng.Float64()*float64(w), rng.Float64()*float64(w)
			for y := int(cy - r - 1); y <= int(cy+r+1); y++ {
				for x := int(cx - r - 1); x <= int(cx+r+1); x++ {
					var in int
					for sy := range sub {
						for sx := range sub {
							px := float64(x) + (float64(sx)+0.5)/sub
							py := float64(y) + (float64(sy)+0.5)/sub
							if (px-cx)*(px-cx)+(py-cy)*(py-cy) <= r*r {
								in++
							}
						}
					}
					// Wrap: the patch tiles the plane, as Campbell's theorem assumes.
					xx, yy := (x%w+w)%w, (y%w+w)%w
					cover[yy*w+xx] += float64(in) / (sub * sub)
				}
			}
		}
		sr, sg, sb := skin.LinearRgb()
		dr, dg, db := dot.LinearRgb()
		img := image.NewRGBA(image.Rect(0, 0, w, w))
		for k, a := range cover {
			a = math.Min(a, 1)
			c := colorful.LinearRgb(sr+a*(dr-sr), sg+a*(dg-sg), sb+a*(db-sb))
			rr, gg, bb := c.RGB255()
			img.Pix[4*k], img.Pix[4*k+1], img.Pix[4*k+2], img.Pix[4*k+3] = rr, gg, bb, 255
		}
		lin := blurLinear(img, pxPerMM, tc.dist)
		var mean [3]float64
		ls := make([]float64, 0, w*w)
		for k := range lin[0] {
			for c := range 3 {
				mean[c] += float64(lin[c][k])
			}
			l, _, _ := colorful.LinearRgb(float64(lin[0][k]), float64(lin[1][k]), float64(lin[2][k])).Lab()
			ls = append(ls, 100*l)
		}
		var lm, lv float64
		for _, l := range ls {
			lm += l
		}
		lm /= float64(len(ls))
		for _, l := range ls {
			lv += (l - lm) * (l - lm)
		}
		texImg := math.Sqrt(lv / float64(len(ls)))
		meanImg := colorful.LinearRgb(mean[0]/float64(w*w), mean[1]/float64(w*w), mean[2]/float64(w*w))

		p := Patch{Skin: skin, Marks: []Marks{{DiameterMM: tc.d, Colour: dot, PerCM2: float64(n) / (sizeMM * sizeMM / 100)}}}
		tex := p.Texture(tc.dist)
		if math.Abs(tex-texImg) > 0.12*texImg {
			t.Errorf("d %.2f mm, %g/cm², %g m: analytic texture %.3f L*, picture %.3f", tc.d, tc.perCM2, tc.dist, tex, texImg)
		}
		if de := colour.DeltaE00(p.Mean(), meanImg); de > 0.15 {
			t.Errorf("d %.2f mm: analytic mean %s, picture %s (%.2f ΔE00)", tc.d, p.Mean().Hex(), meanImg.Hex(), de)
		}
		t.Logf("d %.2f mm, %g/cm², %g m: texture analytic %.3f, picture %.3f L*", tc.d, tc.perCM2, tc.dist, tex, texImg)
	}
}

// TestTextureFallsWithDistance: the same patch shows less texture from
// further away, and none without marks.
func TestTextureFallsWithDistance(t *testing.T) {
	p := Patch{Skin: colorful.Color{R: 0.9, G: 0.8, B: 0.7}, Marks: []Marks{{DiameterMM: 0.13, Colour: colorful.Color{R: 0.3, G: 0.3, B: 0.3}, PerCM2: 80}}}
	prev := math.Inf(1)
	for _, d := range DistancesM {
		tex := p.Texture(d)
		if !(tex < prev) || !(tex > 0) {
			t.Errorf("%g m: texture %.3f after %.3f", d, tex, prev)
		}
		prev = tex
	}
	if tex := (Patch{Skin: p.Skin}).Texture(0.5); tex != 0 {
		t.Errorf("bare skin texture %v", tex)
	}
	s := Compare(p, p, 0.5)
	if s.AreaDE != 0 || s.TextureRatio != 1 {
		t.Errorf("a patch against itself: %+v", s)
	}
}

// TestBlurWithin: inside a disc of uniform skin on a dark background the
// blur within the disc leaves the skin as it is up to the outline and the
// background untouched; with everything inside it is Blur.
func TestBlurWithin(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 80, 60))
	dark := colorful.Color{R: 0.18, G: 0.18, B: 0.19}
	skin := colorful.Color{R: 0.88, G: 0.72, B: 0.6}
	fill(img, dark)
	sr, sg, sb := skin.RGB255()
	in := func(x, y int) bool { return math.Hypot(float64(x-40), float64(y-30)) < 22 }
	for y := range 60 {
		for x := range 80 {
			if in(x, y) {
				i := img.PixOffset(x, y)
				img.Pix[i], img.Pix[i+1], img.Pix[i+2] = sr, sg, sb
			}
		}
	}
	for _, d := range DistancesM {
		out := BlurWithin(img, in, 8, d)
		for i := 0; i < len(out.Pix); i += 4 {
			for c := range 3 {
				if diff := int(out.Pix[i+c]) - int(img.Pix[i+c]); diff > 1 || diff < -1 {
					t.Fatalf("%g m: pixel %d (inside %v) changed %v → %v", d, i/4, in((i/4)%80, (i/4)/80), img.Pix[i:i+3], out.Pix[i:i+3])
				}
			}
		}
		// The whole picture inside: the same as Blur.
		all, whole := BlurWithin(img, func(int, int) bool { return true }, 8, d), Blur(img, 8, d)
		for i := range all.Pix {
			if diff := int(all.Pix[i]) - int(whole.Pix[i]); diff > 1 || diff < -1 {
				t.Fatalf("%g m: everything inside differs from Blur at byte %d: %d vs %d", d, i, all.Pix[i], whole.Pix[i])
			}
		}
	}
}
