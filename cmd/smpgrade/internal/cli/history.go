package cli

import (
	"flag"
	"fmt"
	"github.com/smptrainer/smp/sim/fileerr"
	"image/color"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
	"github.com/smptrainer/smp/sim/atomicfile"
)

const historyHelp = `usage: smpgrade history --db FILE [--json] [--plot OUT.png] [TRAINEE...]

Shows each trainee's attempts recorded in the gradebook FILE (by
"smpgrade record"), oldest first: one row per attempt with its date,
exercise, session, overall score and each criterion's score, then each
column's trend: the change from the first attempt to the last and the
least-squares slope in points per week. Plausibility flags are listed by
code; "unchecked" marks attempts recorded before the gradebook kept them.

Without TRAINEE, every trainee in the gradebook is shown.

--json prints one JSON array with one history per trainee:
  {trainee, attempts: [{id, trainee, exercise, template, session, date,
   overall, criteria: [{id, name, score}], file, file_sha256, app,
   flags_checked, flags: [{code, level, message}]}],
   criteria, names, trends: [{criterion, points: [{date, score,
   attempt_id}], first, last, best, mean, change, per_week}]}
--plot OUT.png writes a PNG with one line plot per criterion (overall
first): score against date, one line per trainee.

A missing gradebook, or a file that is not one, is an error naming it;
the file is left untouched.
`

// runHistory is "smpgrade history --db FILE [TRAINEE...] [--json] [--plot OUT.png]".
func runHistory(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("history", flag.ContinueOnError)
	db := fs.String("db", "", "the gradebook file")
	asJSON := fs.Bool("json", false, "print a JSON array, one history per trainee")
	plotOut := fs.String("plot", "", "write a PNG of the trends to this file")
	pos, status, done := parseArgs(fs, args, historyHelp, stdout, stderr)
	if done {
		return status
	}
	if *db == "" {
		return usageErr(stderr, "history", historyHelp, "--db FILE is required")
	}
	book, err := gradebook.OpenExisting(*db)
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade history: %s\n", fileerr.OneLine(err.Error()))
		return exitFailed
	}
	defer book.Close()

	trainees := pos
	if len(trainees) == 0 {
		if trainees, err = book.Trainees(); err != nil {
			fmt.Fprintf(stderr, "smpgrade history: %s\n", fileerr.OneLine(err.Error()))
			return exitFailed
		}
		if len(trainees) == 0 {
			fmt.Fprintf(stderr, "smpgrade history: %s: no attempts recorded yet\n", fileerr.OneLine(*db))
			return exitFailed
		}
	}
	failed := false
	hs := []*gradebook.History{}
	for _, tr := range trainees {
		h, err := book.History(tr)
		if err != nil {
			fmt.Fprintf(stderr, "smpgrade history: %s\n", fileerr.OneLine(err.Error()))
			return exitFailed
		}
		if len(h.Attempts) == 0 {
			fmt.Fprintf(stderr, "smpgrade history: %s: no attempts for trainee %q\n", fileerr.OneLine(*db), tr)
			failed = true
			continue
		}
		hs = append(hs, h)
	}
	if *asJSON {
		if writeJSON(stdout, stderr, "history", hs) != exitOK {
			return exitFailed
		}
	} else {
		for _, h := range hs {
			if err := writeHistory(stdout, h); err != nil {
				fmt.Fprintf(stderr, "smpgrade history: %v\n", err)
				return exitFailed
			}
		}
	}
	if *plotOut != "" && len(hs) > 0 {
		if err := atomicfile.Write(*plotOut, func(w io.Writer) error { return plotHistories(w, hs) }); err != nil {
			fmt.Fprintf(stderr, "smpgrade history: %s: %s\n", fileerr.OneLine(*plotOut), fileerr.OneLine(err.Error()))
			return exitFailed
		}
		if !*asJSON {
			fmt.Fprintf(stdout, "plot: %s\n", fileerr.OneLine(*plotOut))
		}
	}
	if failed {
		return exitFailed
	}
	return exitOK
}

// writeHistory prints one trainee's attempts and trends as a table: dates
// as rows, overall and each criterion as columns.
func writeHistory(w io.Writer, h *gradebook.History) error {
	n := len(h.Attempts)
	fmt.Fprintf(w, "%s: %d attempt%s\n", fileerr.OneLine(h.Trainee), n, map[bool]string{true: "", false: "s"}[n == 1])
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "  date\texercise\tsession")
	for _, id := range h.Criteria {
		fmt.Fprintf(tw, "\t%s", fileerr.OneLine(id))
	}
	fmt.Fprint(tw, "\tflags\n")
	for _, a := range h.Attempts {
		ex := a.Exercise
		if ex == "" {
			ex = "free practice"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d", a.Date.UTC().Format("2006-01-02 15:04"), fileerr.OneLine(ex), a.Session)
		scores := map[string]float64{gradebook.OverallID: a.Overall}
		for _, c := range a.Criteria {
			scores[c.ID] = c.Score
		}
		for _, id := range h.Criteria {
			if v, ok := scores[id]; ok {
				fmt.Fprintf(tw, "\t%.1f", v)
			} else {
				fmt.Fprint(tw, "\t–")
			}
		}
		var flags []string
		for _, f := range a.Flags {
			flags = append(flags, fileerr.OneLine(f.Code))
		}
		switch {
		case !a.FlagsChecked:
			flags = []string{"unchecked"}
		case len(flags) == 0:
			flags = []string{"–"}
		}
		fmt.Fprintf(tw, "\t%s\n", strings.Join(flags, ","))
	}
	fmt.Fprint(tw, "  change\t\t")
	for _, t := range h.Trends {
		fmt.Fprintf(tw, "\t%+.1f", t.Change)
	}
	fmt.Fprint(tw, "\t\n  per week\t\t")
	for _, t := range h.Trends {
		fmt.Fprintf(tw, "\t%+.1f", t.PerWeek)
	}
	fmt.Fprint(tw, "\t\n")
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}

// Plot layout (model assumptions: readable on screen and on A4).
const (
	plotCols  = 2
	tileW     = 4.5 * vg.Inch
	tileH     = 3 * vg.Inch
	historyDP = 150
)

// traineeInks tell trainees apart by colour (Okabe–Ito, safe for colour
// blindness) and by dash pattern, so a grey print still reads.
var (
	traineeInks = []color.RGBA{
		{0x00, 0x00, 0x00, 0xff}, {0xe6, 0x9f, 0x00, 0xff}, {0x56, 0xb4, 0xe9, 0xff}, {0x00, 0x9e, 0x73, 0xff},
		{0xd5, 0x5e, 0x00, 0xff}, {0x00, 0x72, 0xb2, 0xff}, {0xcc, 0x79, 0xa7, 0xff}, {0xf0, 0xe4, 0x42, 0xff},
	}
	traineeDashes = [][]vg.Length{nil, {vg.Points(6), vg.Points(3)}, {vg.Points(2), vg.Points(2)}, {vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)}}
)

// scoreTicks label the score axis at quarters.
var scoreTicks = plot.ConstantTicks{{Value: 0, Label: "0"}, {Value: 25, Label: "25"}, {Value: 50, Label: "50"},
	{Value: 75, Label: "75"}, {Value: 100, Label: "100"}}

// fewTicks puts at most fewTickN labelled dates on a time axis, at whole
// days, so the labels never overlap.
type fewTicks struct{}

// fewTickN is the most labelled ticks on a date axis of a tile.
const fewTickN = 4

// Ticks implements plot.Ticker.
func (fewTicks) Ticks(lo, hi float64) []plot.Tick {
	const day = 86400.0
	if !(hi > lo) {
		return []plot.Tick{{Value: lo, Label: "x"}}
	}
	step := math.Max(day, math.Ceil((hi-lo)/(fewTickN-1)/day)*day)
	var out []plot.Tick
	for v := math.Ceil(lo/day) * day; v <= hi; v += step {
		out = append(out, plot.Tick{Value: v, Label: "x"}) // TimeTicks formats the label
	}
	return out
}

// plotHistories draws one line plot per criterion (in the order the
// histories list them, overall first), score 0–100 against date, one line
// per trainee, and writes the PNG.
func plotHistories(w io.Writer, hs []*gradebook.History) error {
	var ids []string
	names := map[string]string{}
	for _, h := range hs {
		for _, id := range h.Criteria {
			if _, ok := names[id]; !ok {
				ids = append(ids, id)
				names[id] = h.Names[id]
			}
		}
	}
	if len(ids) == 0 {
		return fmt.Errorf("nothing to plot")
	}
	// With several trainees one tile holds the legend, so it hides no line.
	tilesN := len(ids)
	if len(hs) > 1 {
		tilesN++
	}
	rows := (tilesN + plotCols - 1) / plotCols
	plots := make([][]*plot.Plot, rows)
	for r := range plots {
		plots[r] = make([]*plot.Plot, plotCols)
	}
	var legend *plot.Plot
	if len(hs) > 1 {
		legend = plot.New()
		legend.HideAxes()
		legend.Title.Text = "Trainees"
		legend.Legend.Top, legend.Legend.Left = true, true
	}
	for k, id := range ids {
		p := plot.New()
		p.Title.Text = names[id]
		if p.Title.Text == "" {
			p.Title.Text = id
		}
		p.Y.Label.Text = "score"
		// A little room round 0–100, so a perfect score is not drawn on
		// the frame.
		p.Y.Min, p.Y.Max = -3, 103
		p.Y.Tick.Marker = scoreTicks
		p.X.Tick.Marker = plot.TimeTicks{Ticker: fewTicks{}, Format: "2 Jan 2006"}
		p.Add(plotter.NewGrid())
		minX, maxX := math.Inf(1), math.Inf(-1)
		for i, h := range hs {
			var xy plotter.XYs
			for _, t := range h.Trends {
				if t.Criterion != id {
					continue
				}
				for _, pt := range t.Points {
					x := float64(pt.Date.Unix())
					xy = append(xy, plotter.XY{X: x, Y: math.Max(0, math.Min(100, pt.Score))})
					minX, maxX = math.Min(minX, x), math.Max(maxX, x)
				}
			}
			if len(xy) == 0 {
				continue
			}
			line, points, err := plotter.NewLinePoints(xy)
			if err != nil {
				return err
			}
			ink := traineeInks[i%len(traineeInks)]
			line.Color, points.Color = ink, ink
			line.Dashes = traineeDashes[(i/len(traineeInks)+i)%len(traineeDashes)]
			line.Width = vg.Points(1.5)
			points.Shape = draw.CircleGlyph{}
			p.Add(line, points)
			if len(hs) > 1 && legend != nil && k == 0 {
				legend.Legend.Add(h.Trainee, line, points)
			}
		}
		// A single date still gets an axis: a day either side.
		if minX == maxX {
			p.X.Min, p.X.Max = minX-86400, maxX+86400
		}
		plots[k/plotCols][k%plotCols] = p
	}
	if legend != nil {
		plots[len(ids)/plotCols][len(ids)%plotCols] = legend
	}
	c := vgimg.NewWith(vgimg.UseWH(plotCols*tileW, vg.Length(rows)*tileH), vgimg.UseDPI(historyDP))
	dc := draw.New(c)
	tiles := draw.Tiles{Rows: rows, Cols: plotCols, PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4,
		PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	canvases := plot.Align(plots, tiles, dc)
	for r := range plots {
		for col := range plots[r] {
			if plots[r][col] != nil {
				plots[r][col].Draw(canvases[r][col])
			}
		}
	}
	_, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(w)
	return err
}
