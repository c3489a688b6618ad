package report

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"strconv"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/smptrainer/smp/sim/score"
)

// Plot presentation. Every series differs by dash pattern and grey level
// as well as colour, so a black-and-white print still reads.
const (
	plotDPI = 200 // print resolution of plot PNGs (model: crisp on a 300 dpi printer at report size)
	curveN  = 240 // sample points per curve
)

var (
	inkWork   = color.RGBA{0x10, 0x10, 0x10, 0xff}
	inkExpert = color.RGBA{0x00, 0x72, 0xb2, 0xff} // Okabe–Ito blue
	inkCSR    = color.RGBA{0xd5, 0x5e, 0x00, 0xff} // Okabe–Ito vermillion
	bandFill  = color.RGBA{0xd8, 0xd8, 0xd8, 0xff}
	bandEdge  = color.RGBA{0x90, 0x90, 0x90, 0xff}
)

// plainTicks are gonum's default ticks labelled with the fewest digits
// ("50", not "50.00").
type plainTicks struct{}

// Ticks implements plot.Ticker.
func (plainTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(ts[i].Value, 'f', -1, 64)
		}
	}
	return ts
}

// encodePlot draws p on a w×h canvas and returns the PNG.
func encodePlot(p *plot.Plot, w, h vg.Length) ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(plotDPI))
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// newPlot returns a plot in a sans-serif face, like the page around it.
// Series are explained in the page's captions, not in a legend, which
// would hide part of the curves on a plot this small.
func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	for _, st := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle,
		&p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		st.Font.Typeface, st.Font.Variant = "Liberation", "Sans"
	}
	p.Title.TextStyle.Font.Weight = xfont.WeightBold
	p.Title.TextStyle.Font.Size = vg.Points(11)
	p.X.Label.TextStyle.Font.Size = vg.Points(9.5)
	p.Y.Label.TextStyle.Font.Size = vg.Points(9.5)
	p.X.Tick.Label.Font.Size = vg.Points(8.5)
	p.Y.Tick.Label.Font.Size = vg.Points(8.5)
	p.X.Tick.Marker = plainTicks{}
	p.Y.Tick.Marker = plainTicks{}
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{0xdd}
	g.Horizontal.Color = color.Gray{0xdd}
	p.Add(g)
	return p
}

// line adds a polyline; what it shows is said in the page's caption.
func line(p *plot.Plot, xy plotter.XYs, ink color.Color, width vg.Length, dashes []vg.Length) error {
	l, err := plotter.NewLine(xy)
	if err != nil {
		return err
	}
	l.Color = ink
	l.Width = width
	l.Dashes = dashes
	p.Add(l)
	return nil
}

// nnPlot draws G(r), the share of dots whose nearest neighbour is within
// r, for the work, the expert reference and complete randomness at the
// work's intensity lambda (per mm²).
func nnPlot(work, expert []float64, lambda float64) ([]byte, error) {
	p := newPlot("Nearest-neighbour distances", "r (mm)", "G(r), share of dots")
	xmax := 0.0
	for _, d := range [][]float64{work, expert} {
		if len(d) > 0 {
			xmax = math.Max(xmax, quantile(d, 0.99)*1.25)
		}
	}
	if lambda > 0 {
		xmax = math.Max(xmax, math.Sqrt(-math.Log(0.01)/(lambda*math.Pi))) // CSR's 99th percentile
	}
	if !(xmax > 0) || math.IsInf(xmax, 0) {
		xmax = 3
	}
	curve := func(f func(r float64) float64) plotter.XYs {
		xy := make(plotter.XYs, curveN+1)
		for i := range xy {
			r := xmax * float64(i) / curveN
			xy[i] = plotter.XY{X: r, Y: f(r)}
		}
		return xy
	}
	if lambda > 0 {
		if err := line(p, curve(func(r float64) float64 { return csrG(lambda, r) }), inkCSR, vg.Points(1.2),
			[]vg.Length{vg.Points(1.5), vg.Points(2)}); err != nil {
			return nil, err
		}
	}
	if len(expert) > 0 {
		if err := line(p, curve(func(r float64) float64 { return ecdf(expert, r) }), inkExpert, vg.Points(1.6),
			[]vg.Length{vg.Points(5), vg.Points(2.5)}); err != nil {
			return nil, err
		}
	}
	if len(work) > 0 {
		if err := line(p, curve(func(r float64) float64 { return ecdf(work, r) }), inkWork, vg.Points(2), nil); err != nil {
			return nil, err
		}
	}
	p.X.Min, p.X.Max = 0, xmax
	p.Y.Min, p.Y.Max = 0, 1
	return encodePlot(p, 9*vg.Centimeter, 4.9*vg.Centimeter)
}

// profilePlot draws score.HairlineProfile's density by distance behind
// the design hairline for the work and the expert, over the model ramp's
// band scaled to the session's full target (per cm²).
func profilePlot(work, expert []score.ProfileBin) ([]byte, error) {
	p := newPlot("Hairline density profile", "distance behind the design hairline (mm)", "impressions / cm²")
	from, to := profileRange(work, expert)
	full := profileFull(work, expert)
	if full > 0 {
		var upper, lower plotter.XYs
		for u := from; u <= to+1e-9; u += 0.25 {
			lo, hi := rampBand(u)
			upper = append(upper, plotter.XY{X: u, Y: hi * full})
			lower = append(lower, plotter.XY{X: u, Y: lo * full})
		}
		ring := append(plotter.XYs{}, upper...)
		for i := len(lower) - 1; i >= 0; i-- {
			ring = append(ring, lower[i])
		}
		poly, err := plotter.NewPolygon(ring)
		if err != nil {
			return nil, err
		}
		poly.Color = bandFill
		poly.LineStyle.Color = bandEdge
		poly.LineStyle.Width = vg.Points(0.5)
		p.Add(poly)
		p.Title.Text += fmt.Sprintf(" (target %.0f/cm²)", full)
	}
	if xy := profileSeries(expert); len(xy) > 1 {
		if err := line(p, xy, inkExpert, vg.Points(1.6), []vg.Length{vg.Points(5), vg.Points(2.5)}); err != nil {
			return nil, err
		}
	}
	if xy := profileSeries(work); len(xy) > 1 {
		if err := line(p, xy, inkWork, vg.Points(2), nil); err != nil {
			return nil, err
		}
	}
	p.X.Min, p.X.Max = from, to
	top := full * 1.25
	for _, d := range [][]score.ProfileBin{work, expert} {
		for _, b := range d {
			top = math.Max(top, b.PerCM2*1.08)
		}
	}
	if !(top > 0) {
		top = 1
	}
	p.Y.Min, p.Y.Max = 0, top
	return encodePlot(p, 9*vg.Centimeter, 4.9*vg.Centimeter)
}

// profileSeries is the line a profile is drawn as: each band's density at
// its centre.
func profileSeries(bins []score.ProfileBin) plotter.XYs {
	xy := make(plotter.XYs, 0, len(bins))
	for _, b := range bins {
		xy = append(xy, plotter.XY{X: (b.FromMM + b.ToMM) / 2, Y: b.PerCM2})
	}
	return xy
}

// profileRange is the distances the profiles span, mm behind the line.
func profileRange(profiles ...[]score.ProfileBin) (from, to float64) {
	from, to = math.Inf(1), math.Inf(-1)
	for _, p := range profiles {
		if len(p) > 0 {
			from, to = math.Min(from, p[0].FromMM), math.Max(to, p[len(p)-1].ToMM)
		}
	}
	if from > to {
		return 0, 1
	}
	return from, to
}

// distPlot draws each criterion's score across the class: a Tukey box
// with every file as a point beside it (a strip), so small classes show
// their actual values.
func distPlot(names []string, scores [][]float64) ([]byte, error) {
	p := newPlot("Scores across the class", "", "score (0–100)")
	w := vg.Points(16)
	for i, s := range scores {
		if len(s) == 0 {
			continue
		}
		if len(s) >= 2 {
			b, err := plotter.NewBoxPlot(w, float64(i), plotter.Values(s))
			if err != nil {
				return nil, err
			}
			b.FillColor = bandFill
			p.Add(b)
		}
		pts := make(plotter.XYs, len(s))
		for j, v := range s {
			// Spread the points sideways by a fixed, deterministic
			// pattern so equal scores do not hide each other.
			pts[j] = plotter.XY{X: float64(i) + 0.3 + 0.05*float64(j%5), Y: v}
		}
		sc, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		sc.GlyphStyle.Shape = draw.CircleGlyph{}
		sc.GlyphStyle.Radius = vg.Points(1.8)
		sc.GlyphStyle.Color = inkWork
		p.Add(sc)
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(names))-0.3
	p.Y.Min, p.Y.Max = 0, 100
	return encodePlot(p, 18*vg.Centimeter, 6.5*vg.Centimeter)
}
