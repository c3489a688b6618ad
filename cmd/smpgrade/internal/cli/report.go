package cli

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
	"github.com/smptrainer/smp/cmd/smpgrade/internal/report"
	"github.com/smptrainer/smp/sim/fileerr"
)

const reportHelp = `usage: smpgrade report -o DIR [--title TEXT] [--db FILE] FILE|DIR...

Grades each session file (a directory is searched recursively for *.json)
and writes a self-contained HTML report into DIR: DIR/index.html, with its
pictures and plots as PNG files in DIR/img. It needs no network, opens in
any browser and prints on A4: the class overview first (a sortable table,
each criterion's distribution, the common faults), then a page per
trainee (the work healed, the same with problem markers and a density
heatmap, the expert example, the score card, nearest-neighbour distances
against blue noise and randomness, and the hairline density profile against
the model ramp).

The class page ends with the course units: per trainee and unit
(consultation and screening, colour and pigments, design and mapping,
technique, aftercare) the verdict from the files in the report, by the
competency rule kept in the gradebook --db FILE ("smpgrade record
--competent"), or last=3,min=80 without one.

Scores are those of "smpgrade score --json". On a terminal, progress shows
on stderr. A file that cannot be read or graded is one line on stderr,
naming it and the problem, and is listed in the report; the others are
still reported and the exit status is 1.
`

// now is the report's date; a variable so tests can fix it.
var now = time.Now

// runReport is "smpgrade report -o DIR FILE|DIR...".
func runReport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	out := fs.String("o", "", "output folder (created if needed)")
	title := fs.String("title", "", "the report's title (default \"SMP class report\")")
	db := fs.String("db", "", "a gradebook whose competency rule the course units follow")
	pos, status, done := parseArgs(fs, args, reportHelp, stdout, stderr)
	if done {
		return status
	}
	switch {
	case *out == "":
		return usageErr(stderr, "report", reportHelp, "-o DIR is required")
	case len(pos) == 0:
		return usageErr(stderr, "report", reportHelp, "no session files given")
	}
	var rule gradebook.Rule
	if *db != "" {
		book, err := gradebook.OpenReadOnly(*db)
		if err == nil {
			rule, err = book.CompetencyRule()
			book.Close()
		}
		if err != nil {
			fmt.Fprintf(stderr, "smpgrade report: %s\n", fileerr.OneLine(err.Error()))
			return exitFailed
		}
	}
	prog := newProgress(stderr, "done")
	var walkFailed []string
	files := expand(pos, func(line string) {
		prog.fail(line)
		walkFailed = append(walkFailed, line)
	})
	// Write calls Fail and Progress one at a time, so they may share prog.
	o := report.Options{
		Title:     *title,
		Generated: now(),
		Fail:      prog.fail,
		Progress:  prog.show,
		Rule:      rule,
	}
	res, err := report.Write(*out, files, o, walkFailed...)
	prog.clear()
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade report: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "%s: %d reported, %d failed\n", res.Index, res.Reported, len(res.Failed))
	if len(res.Failed) > 0 {
		return exitFailed
	}
	return exitOK
}
