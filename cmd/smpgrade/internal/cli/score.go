package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/smptrainer/smp/sim/fileerr"
	"io"
	"io/fs"
	"iter"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/grading"
	"github.com/smptrainer/smp/sim/exercise"
	"github.com/smptrainer/smp/sim/score"
)

var scoreHelp = `usage: smpgrade score [--csv [--bom] | --json] [--verbose] [--deadline DUR] FILE|DIR...

Grades each session file. A directory is searched recursively for *.json
files. Options may come before or after the files; "--" ends them. A file
names its template and session number; when it names a shipped exercise on
the same template, that exercise's criterion weights are used, otherwise
the default weights.

Plain output is a table with one row per file: trainee, template, exercise,
impressions, the overall score (0–100) and each criterion's score ("-" when
the criterion does not apply to the template), then the class mean. When
one file is graded, or with --verbose (-v), each file's detail follows: each
criterion's measured value, target and weight, the feedback with the
weakest criterion first, and each zone's area, impressions, density, mean
nearest-neighbour distance and Clark–Evans R (naive: 0.5/sqrt(n/area) as
the expected distance; corrected: the expected distance of as many uniform
random points in the same polygon, by Monte Carlo, which holds for any
polygon).

--csv prints a spreadsheet (RFC 4180): a header row, then one row per file:
  file, trainee, template, exercise, session, impressions,
  edited_after_save, overall, then for each criterion ID, always in the
  order ` + strings.Join(exercise.Criteria, ", ") + `:
  ID_score, ID_value, ID_unit (empty when it does not apply to the file).
A text cell starting with = + - or @ gets a leading ' so that a
spreadsheet shows it instead of running it as a formula. --bom starts the
file with a UTF-8 byte-order mark, so Excel on Windows reads accented
names right (for Moodle's and Canvas's import layouts, see "export").

--json prints one JSON array with one object per graded file:
  {file, template, exercise, trainee, session, impressions, edited_after_save,
   overall, criteria: [{id, name, score, value, unit, target, feedback,
   markers, weight, parts: [{id, score, value, unit}],
   faults: [{code, marker, places}]}],
   zones: [{id, area_cm2, impressions, density_per_cm2, nn_mean_mm,
            clark_evans_r_naive, clark_evans_r, ...}]}
A criterion is score.Criterion as it is: value is null when there was
nothing to measure (no hairline laid yet, too few dots for a pattern; the
plain table prints "—"), and so is a part's; faults are the classic faults
found, worst first, each a stable code (README: fault codes), how to mark
it and its places in chart mm; the feedback is written from the first.
edited_after_save is true when the impressions no longer match the content
hash the trainer recorded when it saved.

On a terminal, a progress line shows on stderr while grading.
Only regular files are read: a named pipe or device is refused, and so is
a file over the session size limit, from its size, before reading it.
A file that cannot be graded is one line on stderr, naming it and the
problem; the others are still graded and the exit status is 1. So is a file
whose grading runs past --deadline (default 1m; 0 for none): it is named as
given up on and the class goes on.
`

// runScore is "smpgrade score [--csv | --json] [--verbose] FILE|DIR...".
func runScore(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print a JSON array, one object per file")
	asCSV := fs.Bool("csv", false, "print CSV, one row per file")
	bom := fs.Bool("bom", false, "with --csv: start with a UTF-8 byte-order mark, for Excel")
	verbose := fs.Bool("verbose", false, "print each file's detail after the table")
	fs.BoolVar(verbose, "v", false, "short for --verbose")
	fs.DurationVar(&grading.Deadline, "deadline", grading.Deadline, "give up on a file after this long (0: never)")
	pos, status, done := parseArgs(fs, args, scoreHelp, stdout, stderr)
	if done {
		return status
	}
	switch {
	case *asJSON && *asCSV:
		return usageErr(stderr, "score", scoreHelp, "--csv and --json exclude each other")
	case *bom && !*asCSV:
		return usageErr(stderr, "score", scoreHelp, "--bom goes with --csv")
	case len(pos) == 0:
		return usageErr(stderr, "score", scoreHelp, "no session files given")
	}
	prog := newProgress(stderr, "grading")
	failed := 0
	fail := func(line string) {
		prog.fail(line)
		failed++
	}
	files := expand(pos, fail)

	reports := []fileReport{}
	wait := func(i int) { prog.show(i+1, len(files), files[i]) }
	for res := range gradeAll(files, gradeFile, wait) {
		if res.err != nil {
			fail(res.err.Error())
			continue
		}
		reports = append(reports, res.v)
	}
	prog.clear()

	var err error
	switch {
	case *asJSON:
		if writeJSON(stdout, stderr, "score", reports) != exitOK {
			return exitFailed
		}
	case *asCSV:
		if *bom {
			_, err = io.WriteString(stdout, utf8BOM)
		}
		if err == nil {
			err = writeCSV(stdout, reports)
		}
	default:
		err = writeTable(stdout, reports, failed)
		if err == nil && (*verbose || len(files) == 1) {
			for i := range reports {
				if err = writeDetail(stdout, &reports[i]); err != nil {
					break
				}
			}
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade score: %v\n", err)
		return exitFailed
	}
	if failed > 0 {
		return exitFailed
	}
	return exitOK
}

// graded is the outcome of grading one file: what it gives, or why not.
type graded[T any] struct {
	v   T
	err error
}

// maxGradeWorkers caps how many files are graded at once. Memory, not
// speed, sets it: a file at the session limit (session.MaxImpressions)
// takes about 300 MB while it is decoded and refused (measured by
// TestMillionImpressions), so a folder of hostile files on a many-core
// machine could otherwise take that much per core. Four keep the worst
// case near 1.2 GB and still grade a class of 30 full-scalp files well
// under a second of wall time on four cores (model assumption: an
// instructor's machine has at least that much memory to spare).
const maxGradeWorkers = 4

// gradeAll grades files with grade on up to min(GOMAXPROCS,
// maxGradeWorkers) goroutines and yields the outcomes in file order, so the
// output (and a gradebook's ids) does not depend on timing. Each file is
// loaded, graded and dropped by one worker; only the small results wait
// for their turn. wait, if not nil, is called with i before waiting for
// file i's outcome (the progress line). Stopping the loop early stops the
// workers after the files they are on.
func gradeAll[T any](files []string, grade func(path string) (T, error), wait func(i int)) iter.Seq[graded[T]] {
	return func(yield func(graded[T]) bool) {
		out := make([]chan graded[T], len(files))
		for i := range out {
			out[i] = make(chan graded[T], 1)
		}
		var next atomic.Int64
		stop := make(chan struct{})
		defer close(stop)
		for range min(runtime.GOMAXPROCS(0), maxGradeWorkers, len(files)) {
			go func() {
				for {
					i := int(next.Add(1) - 1)
					if i >= len(files) {
						return
					}
					select {
					case <-stop:
						return
					default:
					}
					v, err := grade(files[i])
					out[i] <- graded[T]{v, err}
				}
			}()
		}
		for i, ch := range out {
			if wait != nil {
				wait(i)
			}
			if !yield(<-ch) {
				return
			}
		}
	}
}

// expand turns the arguments into the list of files to grade: files as
// given, directories walked (in lexical order) for *.json. Problems go to
// fail, one line each, with control characters in names escaped.
func expand(args []string, failLine func(string)) []string {
	fail := func(line string) { failLine(fileerr.OneLine(line)) }
	var files []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			fail(fmt.Sprintf("%s: %s", a, describe(err)))
			continue
		}
		if !fi.IsDir() {
			// Only regular files (or links to them): opening a named pipe
			// waits for a writer, and a device may never end.
			if !fi.Mode().IsRegular() {
				fail(fmt.Sprintf("%s: not a regular file (%s)", a, fileKind(fi.Mode())))
				continue
			}
			files = append(files, a)
			continue
		}
		n := 0
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				fail(fmt.Sprintf("%s: %s", p, describe(err)))
				return nil // keep walking the rest of the class folder
			}
			if d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".json") {
				return nil
			}
			n++
			// Only regular files (or links to them): opening a named pipe
			// someone left in a class folder would wait for ever.
			if !d.Type().IsRegular() {
				fi, err := os.Stat(p)
				if err != nil {
					fail(fmt.Sprintf("%s: %s", p, describe(err)))
					return nil
				}
				if !fi.Mode().IsRegular() {
					fail(fmt.Sprintf("%s: not a regular file (%s)", p, fileKind(fi.Mode())))
					return nil
				}
			}
			files = append(files, p)
			return nil
		})
		if err != nil {
			fail(fmt.Sprintf("%s: %s", a, describe(err)))
		} else if n == 0 {
			fail(fmt.Sprintf("%s: no *.json session files in this folder", a))
		}
	}
	return files
}

// fileKind names what a non-regular file is, for the refusal.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	default:
		return "mode " + m.String()
	}
}

// describe drops the path an *fs.PathError repeats, since the line
// already starts with it.
func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// fileReport is one graded file, the element of "score --json".
type fileReport struct {
	File            string            `json:"file"`
	Template        string            `json:"template"`
	Exercise        string            `json:"exercise"`
	Trainee         string            `json:"trainee"`
	Session         int               `json:"session"`
	Impressions     int               `json:"impressions"`
	EditedAfterSave bool              `json:"edited_after_save"`
	Overall         float64           `json:"overall"`
	Criteria        []score.Criterion `json:"criteria"`
	Zones           []score.ZoneStats `json:"zones"`

	templateName string // for the plain table
	weighted     string // where the weights came from, for the plain table
}

// gradeFile loads and grades one file. The error is one line naming path.
func gradeFile(path string) (fileReport, error) {
	g, err := grading.Load(path)
	if err != nil {
		return fileReport{}, err
	}
	return reportOf(path, g)
}

// reportOf is a graded file as "score --json" prints it.
func reportOf(path string, g *grading.Result) (fileReport, error) {
	s, t, rep := g.Session, g.Template, g.Report
	weighted := "the exercise's weights"
	if g.Exercise == nil {
		weighted = "default weights"
		if g.NotUsed != "" {
			weighted += " (" + g.NotUsed + ")"
		}
	}
	r := fileReport{
		File: path, Template: s.Template, Exercise: s.Exercise, Trainee: s.Trainee, Session: s.Number,
		Impressions: len(s.Impressions), EditedAfterSave: s.EditedAfterSave(),
		Overall: grading.Clean(rep.Overall), Criteria: []score.Criterion{}, Zones: []score.ZoneStats{},
		templateName: t.Name, weighted: weighted,
	}
	for _, c := range rep.Criteria {
		c.Score, c.Value, c.Weight = grading.Clean(c.Score), grading.Clean(c.Value), grading.Clean(c.Weight)
		c.Parts = slices.Clone(c.Parts)
		for k := range c.Parts {
			c.Parts[k].Score, c.Parts[k].Value = grading.Clean(c.Parts[k].Score), grading.Clean(c.Parts[k].Value)
		}
		r.Criteria = append(r.Criteria, c)
	}
	for _, z := range rep.Zones {
		z.AreaCM2, z.DensityPerCM2, z.NNMeanMM = grading.Clean(z.AreaCM2), grading.Clean(z.DensityPerCM2), grading.Clean(z.NNMeanMM)
		z.ClarkEvansRNaive, z.ClarkEvansR, z.NNCV = grading.Clean(z.ClarkEvansRNaive), grading.Clean(z.ClarkEvansR), grading.Clean(z.NNCV)
		z.TargetMin, z.TargetMax = grading.Clean(z.TargetMin), grading.Clean(z.TargetMax)
		r.Zones = append(r.Zones, z)
	}
	// Prove now that the report encodes, so a scorer bug shows as one
	// failed file rather than a broken JSON array for the whole class.
	if _, err := json.Marshal(r); err != nil {
		return fileReport{}, fmt.Errorf("%s: cannot report the grade: %v", path, err)
	}
	return r, nil
}

// short formats a density for the table: at most one decimal, none when
// it is whole.
func short(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}
