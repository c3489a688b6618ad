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
	"time"

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
column's trend per exercise (a hairline drill and square practice are
never mixed): the change from the first attempt to the last and the
least-squares slope in points per week, given only when the attempts
span two days or more (minutes apart, a rate per week means nothing). Plausibility flags are listed by
code; "unchecked" marks attempts recorded before the gradebook kept them.

Then the course record: per course unit (consultation and screening,
colour and pigments, design and mapping, technique, aftercare) the
attempts that graded it, the best and latest unit scores, the faults that
recur, and the verdict, "competent" or "not yet competent", by the rule
set with "smpgrade record --competent" (default last=3,min=80), with the
reason.

Without TRAINEE, every trainee in the gradebook is shown.

--json prints one JSON array with one history per trainee:
  {trainee, attempts: [{id, trainee, exercise, template, session, date,
   overall, criteria: [{id, name, score}], file, file_sha256, app,
   flags_checked, flags: [{code, level, message}], faults: [{criterion,
   code}]}],
   criteria, names, trends: [{exercise, criterion, points: [{date,
   score, attempt_id}], first, last, best, mean, change, days,
   per_week (null under two days)}]}
--plot OUT.png writes a PNG with one line plot per exercise and
criterion (overall first): score against a dated axis, one line per
trainee, each trainee in their own colour, marker and dash, named in a
legend.

A missing gradebook, or a file that is not one (another program's
database, or one marked as a gradebook whose tables are not a
gradebook's), is an error naming it; the file is left untouched. history
only reads: the gradebook is opened read-only, so it works on read-only
media (a note on stderr says when the file had to be read without
locking), and a gradebook of an older schema is upgraded by record.
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
	book, err := gradebook.OpenReadOnly(*db)
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade history: %s\n", fileerr.OneLine(err.Error()))
		return exitFailed
	}
	defer book.Close()
	if book.ReadOnlyNote != "" {
		fmt.Fprintf(stderr, "smpgrade history: %s: %s\n", fileerr.OneLine(*db), book.ReadOnlyNote)
	}

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
		fmt.Fprintf(tw, "  %s\t%s\t%d", a.Date.UTC().Format("2006-01-02 15:04"), fileerr.OneLine(a.Drill()), a.Session)
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
	// The trends, one pair of rows per exercise: a change and a rate per
	// week are only meaningful within one exercise.
	for _, ex := range drills(h) {
		byID := map[string]gradebook.Trend{}
		for _, t := range h.Trends {
			if t.Exercise == ex {
				byID[t.Criterion] = t
			}
		}
		fmt.Fprintf(tw, "  change\t%s\t", fileerr.OneLine(ex))
		for _, id := range h.Criteria {
			if t, ok := byID[id]; ok {
				fmt.Fprintf(tw, "\t%+.1f", t.Change)
			} else {
				fmt.Fprint(tw, "\t–")
			}
		}
		fmt.Fprintf(tw, "\t\n  per week\t%s\t", fileerr.OneLine(ex))
		days := 0.0
		for _, id := range h.Criteria {
			t, ok := byID[id]
			days = math.Max(days, t.Days)
			if ok && t.PerWeek != nil {
				fmt.Fprintf(tw, "\t%+.1f", *t.PerWeek)
			} else {
				fmt.Fprint(tw, "\t–")
			}
		}
		note := fmt.Sprintf("over %.1f days", days)
		if days < gradebook.MinTrendSpan.Hours()/24 {
			note = fmt.Sprintf("over %.1f days: no rate under %.0f", days, gradebook.MinTrendSpan.Hours()/24)
		}
		fmt.Fprintf(tw, "\t%s\n", note)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if err := writeUnits(w, h); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}

// drills lists the exercises of h's trends in order.
func drills(h *gradebook.History) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range h.Trends {
		if !seen[t.Exercise] {
			seen[t.Exercise] = true
			out = append(out, t.Exercise)
		}
	}
	return out
}

// Plot layout (model assumptions: readable on screen and on A4).
const (
	plotCols  = 2
	tileW     = 4.5 * vg.Inch
	tileH     = 3 * vg.Inch
	historyDP = 150
)

// traineeStyle tells trainees apart three ways at once, so that neither a
// grey print nor colour blindness merges two of them: a colour
// (Okabe–Ito), a marker shape and a dash pattern. Trainee i gets colour
// i mod 8 and shape (i + i/8) mod 8, so the first 64 trainees all differ.
var (
	traineeInks = []color.RGBA{
		{0x00, 0x00, 0x00, 0xff}, {0xe6, 0x9f, 0x00, 0xff}, {0x56, 0xb4, 0xe9, 0xff}, {0x00, 0x9e, 0x73, 0xff},
		{0xd5, 0x5e, 0x00, 0xff}, {0x00, 0x72, 0xb2, 0xff}, {0xcc, 0x79, 0xa7, 0xff}, {0xf0, 0xe4, 0x42, 0xff},
	}
	traineeGlyphs = []draw.GlyphDrawer{
		draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.CrossGlyph{},
		draw.RingGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}, draw.PlusGlyph{},
	}
	traineeDashes = [][]vg.Length{nil, {vg.Points(6), vg.Points(3)}, {vg.Points(2), vg.Points(2)}, {vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)}}
)

// styleTrainee gives trainee i's line and points their style.
func styleTrainee(i int, line *plotter.Line, points *plotter.Scatter) {
	ink := traineeInks[i%len(traineeInks)]
	line.Color, points.Color = ink, ink
	line.Dashes = traineeDashes[i%len(traineeDashes)]
	line.Width = vg.Points(1.5)
	points.Shape = traineeGlyphs[(i+i/len(traineeInks))%len(traineeGlyphs)]
	points.Radius = vg.Points(3.5)
}

// scoreTicks label the score axis at quarters.
var scoreTicks = plot.ConstantTicks{{Value: 0, Label: "0"}, {Value: 25, Label: "25"}, {Value: 50, Label: "50"},
	{Value: 75, Label: "75"}, {Value: 100, Label: "100"}}

// dateTicks labels a time axis (Unix seconds, UTC) at round steps: at most
// dateTickN labels, so they never overlap, with the hour shown when the
// steps are shorter than a day (attempts of one afternoon).
type dateTicks struct{}

// dateTickN is the most labelled ticks on a date axis of a tile.
const dateTickN = 4

// dateSteps are the tick steps dateTicks chooses from, in seconds.
var dateSteps = []float64{900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600,
	86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400, 91 * 86400, 182 * 86400, 364 * 86400}

// Ticks implements plot.Ticker.
func (dateTicks) Ticks(lo, hi float64) []plot.Tick {
	step := dateSteps[len(dateSteps)-1]
	for _, s := range dateSteps {
		if (hi-lo)/s <= dateTickN-1 {
			step = s
			break
		}
	}
	format := "2 Jan 2006"
	if step < 86400 {
		format = "2 Jan 15:04"
	}
	var out []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		out = append(out, plot.Tick{Value: v, Label: time.Unix(int64(v), 0).UTC().Format(format)})
	}
	return out
}

// plotHistories draws one line plot per exercise and criterion (exercises
// in order of first attempt, overall first within each), score 0–100
// against the date, one line per trainee in that trainee's colour, marker
// and dash, with a legend tile naming them, and writes the PNG.
func plotHistories(w io.Writer, hs []*gradebook.History) error {
	type tileKey struct{ ex, id string }
	var tiles []tileKey
	names := map[string]string{}
	seen := map[tileKey]bool{}
	for _, h := range hs {
		for id, n := range h.Names {
			names[id] = n
		}
	}
	// Every exercise's criteria in the order the histories list them.
	var exs []string
	seenEx := map[string]bool{}
	for _, h := range hs {
		for _, ex := range drills(h) {
			if !seenEx[ex] {
				seenEx[ex] = true
				exs = append(exs, ex)
			}
		}
	}
	for _, ex := range exs {
		for _, h := range hs {
			for _, t := range h.Trends {
				k := tileKey{ex, t.Criterion}
				if t.Exercise == ex && !seen[k] {
					seen[k] = true
					tiles = append(tiles, k)
				}
			}
		}
	}
	if len(tiles) == 0 {
		return fmt.Errorf("nothing to plot")
	}
	// One more tile holds the legend, so it hides no line.
	tilesN := len(tiles) + 1
	rows := (tilesN + plotCols - 1) / plotCols
	plots := make([][]*plot.Plot, rows)
	for r := range plots {
		plots[r] = make([]*plot.Plot, plotCols)
	}
	legend := plot.New()
	legend.HideAxes()
	legend.Title.Text = "Trainees"
	legend.Legend.Top, legend.Legend.Left = true, true
	for i, h := range hs {
		line, points := &plotter.Line{}, &plotter.Scatter{}
		styleTrainee(i, line, points)
		legend.Legend.Add(h.Trainee, line, points)
	}
	for k, tk := range tiles {
		p := plot.New()
		name := names[tk.id]
		if name == "" {
			name = tk.id
		}
		p.Title.Text = name + " · " + tk.ex
		p.Y.Label.Text = "score"
		p.X.Label.Text = "date (UTC)"
		// A little room round 0–100, so a perfect score is not drawn on
		// the frame.
		p.Y.Min, p.Y.Max = -3, 103
		p.Y.Tick.Marker = scoreTicks
		p.X.Tick.Marker = dateTicks{}
		p.Add(plotter.NewGrid())
		minX, maxX := math.Inf(1), math.Inf(-1)
		for i, h := range hs {
			var xy plotter.XYs
			for _, t := range h.Trends {
				if t.Exercise != tk.ex || t.Criterion != tk.id {
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
			styleTrainee(i, line, points)
			p.Add(line, points)
		}
		// Room either side of the attempts, so a point is not drawn on
		// the frame and a single date still gets an axis.
		pad := math.Max(1800, (maxX-minX)*0.05)
		p.X.Min, p.X.Max = minX-pad, maxX+pad
		plots[k/plotCols][k%plotCols] = p
	}
	plots[len(tiles)/plotCols][len(tiles)%plotCols] = legend
	c := vgimg.NewWith(vgimg.UseWH(plotCols*tileW, vg.Length(rows)*tileH), vgimg.UseDPI(historyDP))
	dc := draw.New(c)
	grid := draw.Tiles{Rows: rows, Cols: plotCols, PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4,
		PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	canvases := plot.Align(plots, grid, dc)
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
