package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"github.com/smptrainer/smp/sim/fileerr"
	"io"
	"os"
	"strings"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
	"github.com/smptrainer/smp/cmd/smpgrade/internal/grading"
	"github.com/smptrainer/smp/sim/name"
	"github.com/smptrainer/smp/sim/plausibility"
	"github.com/smptrainer/smp/sim/session"
)

const recordHelp = `usage: smpgrade record --db FILE [--trainee NAME] [--competent RULE] FILE|DIR...

Grades each session file (a directory is searched recursively for *.json
files, as by "smpgrade score") and stores the attempt in the class
gradebook FILE, an SQLite database created on first use: trainee,
exercise, template, session, date (the file's saved time, else its
created time, else now), the overall and each criterion's score, the file's
path and SHA-256, and the plausibility flags (see below).

The same file recorded again for the same trainee is not stored twice.
Several "smpgrade record" runs may write to one gradebook at once.

--trainee NAME records every file for NAME, whatever the files say;
without it each file's own "trainee" field is used, and a file that names
nobody fails.

The gradebook keeps a course record: every criterion belongs to a course
unit (consultation and screening: screening, plan; colour and pigments:
colour; design and mapping: mapping; technique: the dot criteria;
aftercare: aftercare), and each unit gets a verdict, "competent" or "not
yet competent", that "smpgrade history" shows. --competent RULE sets the
rule, kept in the gradebook for every later run: "last=3,min=80" (the
default) means the last 3 attempts that graded the unit all score 80 or
more for it, and none holds an always-wrong answer (treating a minor or an
intoxicated client, telling a client to stop a prescribed medicine).
--competent may be given without files, to set the rule alone.

Plausibility flags do not refuse a file: they say why an instructor might
doubt that it shows the trainee's own hand. They are: a timeline no hand
could produce (impressions under 0.1 s apart at distinct places, more than
4 per second sustained, all timestamps 0, timestamps out of order, a
metronome-regular rhythm), machine-regular spacing (an exact lattice), an
edited file (content hash mismatch), and, as a note, a missing content
hash. The thresholds are model assumptions, not clinical facts.

On a terminal, a progress line shows on stderr while grading.
A file that cannot be graded or stored is one line on stderr, naming it
and the problem; the others are still recorded and the exit status is 1.
A gradebook that cannot be opened (not a gradebook, or from a newer
smpgrade) is left untouched, with exit status 1.
`

// runRecord is "smpgrade record --db FILE [--trainee NAME] FILE|DIR...".
func runRecord(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("record", flag.ContinueOnError)
	db := fs.String("db", "", "the gradebook file (created if missing)")
	trainee := fs.String("trainee", "", "record every file for this trainee")
	competent := fs.String("competent", "", `the competency rule, such as "last=3,min=80"`)
	pos, status, done := parseArgs(fs, args, recordHelp, stdout, stderr)
	if done {
		return status
	}
	switch {
	case *db == "":
		return usageErr(stderr, "record", recordHelp, "--db FILE is required")
	case len(pos) == 0 && *competent == "":
		return usageErr(stderr, "record", recordHelp, "no session files given")
	}
	var rule gradebook.Rule
	if *competent != "" {
		r, err := gradebook.ParseRule(*competent)
		if err != nil {
			return usageErr(stderr, "record", recordHelp, "--competent: %v", err)
		}
		rule = r
	}
	*trainee = strings.TrimSpace(*trainee)
	if err := checkText("--trainee", *trainee); err != nil {
		return usageErr(stderr, "record", recordHelp, "%v", err)
	}
	book, err := gradebook.Open(*db)
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade record: %s\n", fileerr.OneLine(err.Error()))
		return exitFailed
	}
	defer book.Close()
	if len(book.Migrated) > 0 && len(book.Migrated) < gradebook.Version {
		fmt.Fprintf(stdout, "%s: upgraded the gradebook to schema version %d\n", fileerr.OneLine(*db), gradebook.Version)
	}

	if *competent != "" {
		if err := book.SetCompetencyRule(rule); err != nil {
			fmt.Fprintf(stderr, "smpgrade record: %s\n", fileerr.OneLine(err.Error()))
			return exitFailed
		}
		fmt.Fprintf(stdout, "%s: competent means %s\n", fileerr.OneLine(*db), rule)
		if len(pos) == 0 {
			return exitOK
		}
	}
	prog := newProgress(stderr, "grading")
	failed := false
	fail := func(line string) {
		prog.fail(line)
		failed = true
	}
	files := expand(pos, fail)
	var added, again int
	grade := func(path string) (gradebook.Attempt, error) { return gradeAttempt(path, *trainee) }
	wait := func(i int) { prog.show(i+1, len(files), files[i]) }
	for res := range gradeAll(files, grade, wait) {
		// Clear the line before printing the file's outcome: stdout and
		// stderr are often the same terminal.
		prog.clear()
		if res.err != nil {
			fail(res.err.Error())
			continue
		}
		a := &res.v
		id, isNew, err := book.Record(a)
		if err != nil {
			fail(fmt.Sprintf("%s: %v", a.File, err))
			continue
		}
		if !isNew {
			again++
			fmt.Fprintf(stdout, "%s: already recorded for %s (attempt %d)\n", fileerr.OneLine(a.File), fileerr.OneLine(a.Trainee), id)
			continue
		}
		added++
		line := fmt.Sprintf("%s: recorded for %s, overall %.1f", a.File, a.Trainee, a.Overall)
		if codes := warnings(a.Flags); len(codes) > 0 {
			line += "; flags: " + strings.Join(codes, ", ")
		}
		fmt.Fprintln(stdout, fileerr.OneLine(line))
	}
	prog.clear()
	fmt.Fprintf(stdout, "%d recorded, %d already in %s", added, again, fileerr.OneLine(*db))
	if failed {
		fmt.Fprint(stdout, "; some files failed (see above)")
	}
	fmt.Fprintln(stdout)
	if failed {
		return exitFailed
	}
	return exitOK
}

// warnings lists the flag codes worth printing on the record line: the
// warnings (a missing hash is only a note).
func warnings(flags []gradebook.Flag) []string {
	var out []string
	for _, f := range flags {
		if f.Level == string(plausibility.Warning) {
			out = append(out, f.Code)
		}
	}
	return out
}

// checkText refuses a name that would make a confusing gradebook key.
func checkText(what, s string) error {
	if len(s) > session.MaxTextBytes {
		return fmt.Errorf("%s is %d bytes long (at most %d)", what, len(s), session.MaxTextBytes)
	}
	if p := name.Problem(s); p != "" {
		return fmt.Errorf("%s %s", what, p)
	}
	return nil
}

// gradeAttempt loads, hashes, grades and checks one file. The SHA-256 is
// of the very bytes decoded, read once.
func gradeAttempt(path, trainee string) (gradebook.Attempt, error) {
	f, err := os.Open(path)
	if err != nil {
		return gradebook.Attempt{}, fmt.Errorf("%s: cannot open: %s", path, describe(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil {
		if fi.IsDir() {
			return gradebook.Attempt{}, fmt.Errorf("%s: is a directory, not a session file", path)
		}
		if fi.Mode().IsRegular() && fi.Size() > session.MaxFileBytes {
			return gradebook.Attempt{}, fmt.Errorf("%s: %d bytes is over the %d MiB a session file may have", path, fi.Size(), session.MaxFileBytes>>20)
		}
	}
	h := sha256.New()
	s, err := session.Decode(io.TeeReader(f, h), path)
	if err != nil {
		return gradebook.Attempt{}, err // "PATH: FIELD: PROBLEM"
	}
	// Decode refuses trailing data, so at most white space is left; it
	// still belongs to the file's bytes.
	if _, err := io.Copy(h, io.LimitReader(f, session.MaxFileBytes)); err != nil {
		return gradebook.Attempt{}, fmt.Errorf("%s: cannot read: %v", path, err)
	}
	a, _, err := attemptOf(path, s, h.Sum(nil), trainee)
	return a, err
}

// attemptOf grades a decoded session as "smpgrade score" grades it and
// makes the gradebook's attempt of it: the trainee named (or, when "",
// the file's), sum the SHA-256 of the file's bytes. record and the class
// server's hand-in both come through here.
func attemptOf(path string, s *session.Session, sum []byte, trainee string) (gradebook.Attempt, *grading.Result, error) {
	who := trainee
	if who == "" {
		who = strings.TrimSpace(s.Trainee)
	}
	if who == "" {
		return gradebook.Attempt{}, nil, fmt.Errorf("%s: trainee: the file names no trainee; give --trainee NAME", path)
	}
	g, err := grading.Grade(path, s) // as "smpgrade score" grades it
	if err != nil {
		return gradebook.Attempt{}, nil, err
	}
	rep := g.Report
	a := gradebook.Attempt{
		Trainee: who, Exercise: s.Exercise, Template: s.Template, Session: s.Number,
		Date: s.Saved, Overall: grading.Clean(rep.Overall), Criteria: gradebook.CriteriaOf(rep.Criteria),
		File: path, FileSHA256: hex.EncodeToString(sum), App: s.App, Flags: []gradebook.Flag{},
		Faults: gradebook.FaultsOf(rep.Criteria),
	}
	if a.Date.IsZero() {
		a.Date = s.Created // zero too: Record dates it now
	}
	for _, fl := range plausibility.Check(s) {
		a.Flags = append(a.Flags, gradebook.Flag{Code: fl.Code, Level: string(fl.Level), Message: fl.Message})
	}
	return a, g, nil
}
