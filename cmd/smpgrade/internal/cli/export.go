package cli

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
	"github.com/smptrainer/smp/sim/atomicfile"
	"github.com/smptrainer/smp/sim/fileerr"
	"github.com/smptrainer/smp/sim/safefile"
)

const exportHelp = `usage: smpgrade export --db FILE --format moodle|canvas --roster ROSTER.csv [-o OUT.csv]

Writes the gradebook's grades as a CSV file a learning platform imports:
one row per trainee, one grade column per exercise (free practice counts
per template) holding the overall score (0–100) of the trainee's latest
attempt at it. Trainees are matched to the platform's students through
the roster, so the platform can match them by email address or ID.

--format moodle: Moodle's "Import grades: CSV file" layout: First name,
  Last name, ID number, Email address, then a column per exercise named
  "SMP EXERCISE". On import, map users from "Email address" (or "ID
  number") to the same field, and each SMP column to a grade item (or a
  new one, out of 100).
--format canvas: Canvas's gradebook import layout: Student, ID, SIS User
  ID, SIS Login ID, Section, then a column per exercise (new assignments),
  with a "Points Possible" row of 100 under the header. Canvas matches
  students by ID, SIS User ID or SIS Login ID.

The file is UTF-8 with a byte-order mark, so Excel on Windows shows names
with accents as they are, and both platforms read it. Text cells that a
spreadsheet would run as formulas are quoted with a leading '.

--roster ROSTER.csv is a CSV file with a header row naming, in any order
and case: "name" (the trainee's name as in the session files; required),
"email", "id" (the student ID or SIS user ID), and optionally "first
name", "last name", "section" and "canvas id". Each trainee needs an
email or an id. A trainee missing from the roster is left out, with one
line on stderr (exit status 1).

-o OUT.csv writes the file atomically; without it the CSV goes to stdout.
`

// student is one roster row: how a learning platform knows a trainee.
type student struct {
	Name, Email, ID, First, Last, Section, CanvasID string
}

// rosterColumns are the roster's recognised headings (lower case) and the
// field each fills.
var rosterColumns = map[string]func(*student) *string{
	"name":       func(s *student) *string { return &s.Name },
	"email":      func(s *student) *string { return &s.Email },
	"id":         func(s *student) *string { return &s.ID },
	"first name": func(s *student) *string { return &s.First },
	"last name":  func(s *student) *string { return &s.Last },
	"section":    func(s *student) *string { return &s.Section },
	"canvas id":  func(s *student) *string { return &s.CanvasID },
}

// utf8BOM starts the exported files: Excel reads a CSV without it in the
// Windows code page, garbling every accented name.
const utf8BOM = "\ufeff"

// maxRosterBytes bounds the roster read: far above any class's.
const maxRosterBytes = 16 << 20

// readRoster reads a roster CSV (with or without a BOM) into a map from
// the normalised trainee name.
func readRoster(path string) (map[string]student, error) {
	data, err := safefile.ReadFile(path, maxRosterBytes)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), utf8BOM)))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: not a CSV file: %v", path, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: empty: a roster needs a header row with name, email and id", path)
	}
	fields := make([]func(*student) *string, len(rows[0]))
	haveName := false
	for i, h := range rows[0] {
		h = strings.ToLower(strings.TrimSpace(h))
		fields[i] = rosterColumns[h] // nil: a column the export does not use
		haveName = haveName || h == "name"
	}
	if !haveName {
		return nil, fmt.Errorf("%s: no \"name\" column in the header %q", path, strings.Join(rows[0], ","))
	}
	out := map[string]student{}
	for n, row := range rows[1:] {
		var s student
		for i, v := range row {
			if i < len(fields) && fields[i] != nil {
				*fields[i](&s) = strings.TrimSpace(v)
			}
		}
		line := n + 2
		switch key := rosterKey(s.Name); {
		case key == "":
			return nil, fmt.Errorf("%s: line %d: no name", path, line)
		case s.Email == "" && s.ID == "":
			return nil, fmt.Errorf("%s: line %d: %q has neither an email nor an id to match them by", path, line, s.Name)
		default:
			if _, dup := out[key]; dup {
				return nil, fmt.Errorf("%s: line %d: %q is listed twice", path, line, s.Name)
			}
			out[key] = s
		}
	}
	return out, nil
}

// rosterKey normalises a name for matching: case and surrounding or
// repeated spaces do not matter.
func rosterKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

// gradeRow is one student's grades: the latest overall score per exercise.
type gradeRow struct {
	student student
	grades  map[string]float64
	dates   map[string]time.Time
}

// add takes an attempt's overall score as the exercise's grade when it is
// the latest so far.
func (r *gradeRow) add(a *gradebook.Attempt) {
	d := a.Drill()
	if old, ok := r.dates[d]; !ok || !a.Date.Before(old) {
		r.grades[d], r.dates[d] = a.Overall, a.Date
	}
}

// runExport is "smpgrade export --db FILE --format moodle|canvas --roster R [-o OUT]".
func runExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	db := fs.String("db", "", "the gradebook")
	format := fs.String("format", "", "moodle or canvas")
	rosterPath := fs.String("roster", "", "CSV of name, email, id")
	out := fs.String("o", "", "write to this file instead of stdout")
	pos, status, done := parseArgs(fs, args, exportHelp, stdout, stderr)
	if done {
		return status
	}
	switch {
	case len(pos) > 0:
		return usageErr(stderr, "export", exportHelp, "unexpected argument %q", pos[0])
	case *db == "":
		return usageErr(stderr, "export", exportHelp, "--db FILE is required")
	case *format != "moodle" && *format != "canvas":
		return usageErr(stderr, "export", exportHelp, "--format must be moodle or canvas")
	case *rosterPath == "":
		return usageErr(stderr, "export", exportHelp, "--roster FILE is required: the platforms match students by email or ID")
	}
	roster, err := readRoster(*rosterPath)
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade export: %s\n", fileerr.OneLine(err.Error()))
		return exitFailed
	}
	book, err := gradebook.OpenReadOnly(*db)
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade export: %s\n", fileerr.OneLine(err.Error()))
		return exitFailed
	}
	defer book.Close()
	if book.ReadOnlyNote != "" {
		fmt.Fprintf(stderr, "smpgrade export: %s: %s\n", fileerr.OneLine(*db), book.ReadOnlyNote)
	}
	trainees, err := book.Trainees()
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade export: %s\n", fileerr.OneLine(err.Error()))
		return exitFailed
	}
	// One row per roster student, in gradebook order: "Ann" and "ann" in
	// the gradebook are one student of the roster, and their latest
	// attempt at each exercise is the grade.
	code := exitOK
	var rows []*gradeRow
	byKey := map[string]*gradeRow{}
	var drills []string
	seen := map[string]bool{}
	for _, tr := range trainees {
		key := rosterKey(tr)
		s, ok := roster[key]
		if !ok {
			fmt.Fprintf(stderr, "smpgrade export: trainee %q is not in the roster %s: left out\n", fileerr.OneLine(tr), fileerr.OneLine(*rosterPath))
			code = exitFailed
			continue
		}
		atts, err := book.Attempts(tr)
		if err != nil {
			fmt.Fprintf(stderr, "smpgrade export: %s\n", fileerr.OneLine(err.Error()))
			return exitFailed
		}
		r := byKey[key]
		if r == nil {
			r = &gradeRow{student: s, grades: map[string]float64{}, dates: map[string]time.Time{}}
			byKey[key] = r
			rows = append(rows, r)
		}
		for i := range atts {
			r.add(&atts[i])
			if d := atts[i].Drill(); !seen[d] {
				seen[d] = true
				drills = append(drills, d)
			}
		}
	}
	write := func(w io.Writer) error { return writeLMSCSV(w, *format, drills, rows) }
	if *out == "" {
		err = write(stdout)
	} else {
		err = atomicfile.Write(*out, write)
	}
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade export: %s: %s\n", fileerr.OneLine(*out), fileerr.OneLine(err.Error()))
		return exitFailed
	}
	return code
}

// splitName gives a first and last name for Moodle when the roster has
// none: the last word is the last name.
func splitName(s student) (first, last string) {
	if s.First != "" || s.Last != "" {
		return s.First, s.Last
	}
	f := strings.Fields(s.Name)
	if len(f) < 2 {
		return s.Name, ""
	}
	return strings.Join(f[:len(f)-1], " "), f[len(f)-1]
}

// writeLMSCSV writes the BOM, the platform's header and one row per
// trainee; a trainee with no attempt at an exercise leaves its cell empty
// (no grade, not zero).
func writeLMSCSV(w io.Writer, format string, drills []string, rows []*gradeRow) error {
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	var header []string
	if format == "moodle" {
		header = []string{"First name", "Last name", "ID number", "Email address"}
	} else {
		header = []string{"Student", "ID", "SIS User ID", "SIS Login ID", "Section"}
	}
	fixed := len(header)
	for _, d := range drills {
		header = append(header, cellText("SMP "+d))
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	if format == "canvas" {
		pp := make([]string, len(header))
		pp[0] = "Points Possible"
		for i := fixed; i < len(pp); i++ {
			pp[i] = "100"
		}
		if err := cw.Write(pp); err != nil {
			return err
		}
	}
	for _, r := range rows {
		s := r.student
		var row []string
		if format == "moodle" {
			first, last := splitName(s)
			row = []string{cellText(first), cellText(last), cellText(s.ID), cellText(s.Email)}
		} else {
			row = []string{cellText(s.Name), cellText(s.CanvasID), cellText(s.ID), cellText(s.Email), cellText(s.Section)}
		}
		for _, d := range drills {
			if v, ok := r.grades[d]; ok {
				row = append(row, strconv.FormatFloat(round4(v), 'f', -1, 64))
			} else {
				row = append(row, "")
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
