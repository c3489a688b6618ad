package cli

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/exercise"
)

// brokenWant is what the refusal of each file in testdata/broken must
// mention: the field or the problem, so a file refused for the wrong
// reason (say, a NaN file refused as truncated) fails the test.
var brokenWant = map[string]string{
	"binary.json":            "not a session file",
	"deep-nesting.json":      "nested",
	"duplicate-key.json":     "trainee",
	"empty.json":             "empty",
	"far-outside.json":       "outside",
	"huge-count.json":        "impressions",
	"infinity.json":          "Infinity",
	"nan.json":               "NaN",
	"negative-diameter.json": "diameter_mm",
	"overflow.json":          "1e999",
	"truncated.json":         "truncated",
	"utf16.json":             "not a session file",
	"wrong-format.json":      "format",
	"wrong-version.json":     "version",
}

// stderrLines splits stderr into lines, failing on a blank one.
func stderrLines(t *testing.T, errs string) []string {
	t.Helper()
	if errs == "" {
		return nil
	}
	lines := strings.Split(strings.TrimSuffix(errs, "\n"), "\n")
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			t.Errorf("blank stderr line in %q", errs)
		}
	}
	return lines
}

// TestBrokenCorpus grades the folder of broken files with one good file:
// each broken file is exactly one stderr line naming it and its problem,
// the good one is graded, and the exit status is 1.
func TestBrokenCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "broken")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	for name := range brokenWant {
		if !slices.Contains(names, name) {
			t.Errorf("testdata/broken lacks %s", name)
		}
	}
	good := goodFile(t, t.TempDir(), "good.json")
	for _, mode := range []string{"--json", "--csv", "--verbose"} {
		code, out, errs := run("score", dir, mode, good)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1", mode, code)
		}
		lines := stderrLines(t, errs)
		if len(lines) != len(names) {
			t.Errorf("%s: %d stderr lines for %d broken files:\n%s", mode, len(lines), len(names), errs)
		}
		for _, name := range names {
			prefix := filepath.Join(dir, name) + ": "
			n := 0
			for _, l := range lines {
				if strings.HasPrefix(l, prefix) {
					n++
					if want := brokenWant[name]; !strings.Contains(l[len(prefix):], want) {
						t.Errorf("%s: %q does not mention %q", mode, l, want)
					}
				}
			}
			if n != 1 {
				t.Errorf("%s: %d lines name %s, want 1", mode, n, name)
			}
		}
		if !strings.Contains(out, good) || strings.Contains(out, dir) {
			t.Errorf("%s: stdout should hold the good file only:\n%s", mode, out)
		}
	}
}

// TestHugeAndSpecialFiles: a 1 GiB file (sparse, so it costs no disk) is
// refused from its size without being read, and a named pipe is refused
// without being opened (opening one waits for a writer: the test would
// hang), whether named directly or found in a folder.
func TestHugeAndSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// A valid start: were the file read rather than refused from its
	// size, it would fail at the first zero byte with a syntax error, not
	// the size error checked below.
	f.WriteString(`{"format":"smp-session","version":1,"template":"square20","impressions":[`)
	if err := f.Truncate(1 << 30); err != nil {
		t.Skipf("no sparse file: %v", err)
	}
	f.Close()
	args := []string{"score", "--json", big, dir}
	wantLines := 2 // big.json, named and found in dir
	pipe := filepath.Join(dir, "pipe.json")
	if err := mkfifo(pipe); err == nil {
		args = append(args, pipe)
		wantLines += 2
	} else {
		t.Logf("no named pipe: %v", err)
	}
	good := goodFile(t, dir, "good.json")
	code, out, errs := run(args...)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	lines := stderrLines(t, errs)
	if len(lines) != wantLines {
		t.Errorf("%d stderr lines, want %d:\n%s", len(lines), wantLines, errs)
	}
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, big+": "):
			if !strings.Contains(l, "larger than") {
				t.Errorf("big file not refused by size: %q", l)
			}
		case strings.HasPrefix(l, pipe+": "):
			if !strings.Contains(l, "named pipe") {
				t.Errorf("pipe: %q", l)
			}
		default:
			t.Errorf("unexpected line %q", l)
		}
	}
	var reps []fileReport
	if err := json.Unmarshal([]byte(out), &reps); err != nil || len(reps) != 1 || reps[0].File != good {
		t.Errorf("want the good file graded: %v\n%s", err, out)
	}
}

// TestMillionImpressions: a file with one impression more than a session
// may hold, written on the fly (about 25 MB), is refused, and grading it
// does not take memory out of proportion. The memory figure is a sanity
// bound, generous on purpose: the decoder keeps up to a million
// impressions before it meets the one too many.
func TestMillionImpressions(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and decodes a 25 MB file")
	}
	path := filepath.Join(t.TempDir(), "million.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString(`{"format":"smp-session","version":1,"template":"square20","impressions":[`)
	const n = 1_000_001
	for i := range n {
		if i > 0 {
			w.WriteByte(',')
		}
		fmt.Fprintf(w, `{"x_mm":%d.%d,"y_mm":%d}`, i%20, i%10, (i/20)%20)
	}
	w.WriteString("]}")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	code, _, errs := run("score", path)
	runtime.ReadMemStats(&after)
	if code != 1 || !strings.HasPrefix(errs, path+": impressions") || !strings.Contains(errs, "1000000") {
		t.Fatalf("exit %d, %q", code, errs)
	}
	if n := len(stderrLines(t, errs)); n != 1 {
		t.Fatalf("%d stderr lines", n)
	}
	// Sys only grows: it bounds the peak the process asked the OS for.
	const limit = 1 << 30
	grew := after.Sys - before.Sys
	t.Logf("memory from the OS grew by %d MB, %d MB allocated in all", grew>>20, (after.TotalAlloc-before.TotalAlloc)>>20)
	if grew > limit {
		t.Errorf("memory grew by %d MB grading one refused file", grew>>20)
	}
}

// TestScoreTable checks the plain class table: one row per file, a dash
// for criteria that do not apply, the class mean, no detail for a class
// unless --verbose, and detail for a single file.
func TestScoreTable(t *testing.T) {
	dir := t.TempDir()
	a := goodFile(t, dir, "ann.json")
	b := filepath.Join(dir, "bob.json")
	if code, _, errs := run("generate", "--exercise", "square-even-s1", "--style", "clumped", "--seed", "3", "--trainee", "Bob", "-o", b); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := run("score", a, b)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d %q", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	// header, 2 files, class mean, count
	if len(lines) != 5 {
		t.Fatalf("%d lines, want 5:\n%s", len(lines), out)
	}
	header := strings.Fields(lines[0])
	if !slices.Equal(header[:6], []string{"file", "trainee", "template", "exercise", "impressions", "overall"}) {
		t.Errorf("header %q", header)
	}
	// The columns line up: every row has "overall" ending where the header's does.
	end := strings.Index(lines[0], "overall") + len("overall")
	for _, l := range lines[1:4] {
		if len(l) < end || l[end-1] == ' ' || (len(l) > end && l[end] != ' ') {
			t.Errorf("column not aligned: %q", l)
		}
	}
	var reps []fileReport
	_, js, _ := run("score", "--json", a, b)
	if err := json.Unmarshal([]byte(js), &reps); err != nil {
		t.Fatal(err)
	}
	for i, r := range reps {
		f := strings.Fields(lines[i+1])
		if f[0] != r.File || f[1] != r.Trainee || f[2] != r.Template || f[4] != strconv.Itoa(r.Impressions) || f[5] != fmt.Sprintf("%.1f", r.Overall) {
			t.Errorf("row %q does not match %+v", lines[i+1], r)
		}
		if len(f) != len(header) {
			t.Errorf("row %q has %d cells, header %d", lines[i+1], len(f), len(header))
		}
		for j, id := range header[6:] {
			want := dash
			if c := r.criterion(id); c != nil {
				want = fmt.Sprintf("%.1f", c.Score)
			}
			if f[6+j] != want {
				t.Errorf("%s %s: %q, want %q", r.File, id, f[6+j], want)
			}
		}
	}
	if reps[0].Exercise != "" || strings.Fields(lines[1])[3] != dash {
		t.Errorf("free practice should show %q: %q", dash, lines[1])
	}
	mean := (reps[0].Overall + reps[1].Overall) / 2
	if !strings.HasPrefix(lines[3], "class mean (2 files)") || !strings.Contains(lines[3], fmt.Sprintf(" %.1f ", mean)) {
		t.Errorf("mean row %q, want overall %.1f", lines[3], mean)
	}
	if lines[4] != "2 graded" {
		t.Errorf("count line %q", lines[4])
	}
	if strings.Contains(out, "feedback") {
		t.Error("class table without --verbose printed the detail")
	}
	// --verbose, after the files: each file's detail, feedback weakest first.
	_, vout, _ := run("score", a, b, "--verbose")
	if !strings.HasPrefix(vout, out) {
		t.Error("--verbose changed the table")
	}
	for _, r := range reps {
		i := strings.Index(vout, "\n"+r.File+"\n")
		if i < 0 {
			t.Fatalf("no detail for %s", r.File)
		}
		detail := vout[i:]
		fb := detail[strings.Index(detail, "feedback, weakest first:"):]
		last := -1.0
		for _, c := range r.Criteria {
			if !strings.Contains(fb, c.Feedback) {
				t.Errorf("%s: feedback for %s missing", r.File, c.ID)
			}
		}
		for _, l := range strings.Split(fb, "\n")[1 : len(r.Criteria)+1] {
			s, err := strconv.ParseFloat(strings.Fields(l)[0], 64)
			if err != nil || s < last {
				t.Errorf("%s: feedback not weakest first at %q", r.File, l)
			}
			last = s
		}
	}
	// One file: the table, then its detail without --verbose.
	_, one, _ := run("score", b)
	if !strings.Contains(one, "feedback, weakest first:") || !strings.Contains(one, "the exercise's weights") {
		t.Errorf("single file without detail:\n%s", one)
	}
}

// TestScoreCSV reads the CSV back: a header with every criterion's three
// columns in the fixed order, one row per file agreeing with --json, and
// empty cells for criteria that do not apply.
func TestScoreCSV(t *testing.T) {
	dir := t.TempDir()
	a := goodFile(t, dir, "ann.json")
	// A name a spreadsheet would run as a formula, and a comma and a quote
	// that need RFC 4180 quoting.
	b := filepath.Join(dir, `bob, "the hand".json`)
	if code, _, errs := run("generate", "--template", practice, "--style", "grid", "--seed", "3", "--trainee", "=HYPERLINK(\"x\")", "-o", b); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := run("score", "--csv", a, b)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d %q", code, errs)
	}
	if !strings.HasSuffix(out, "\r\n") {
		t.Error("RFC 4180 rows end in CRLF")
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want header + 2", len(rows))
	}
	want := slices.Clone(csvFixed)
	for _, id := range exercise.Criteria {
		want = append(want, id+"_score", id+"_value", id+"_unit")
	}
	if !slices.Equal(rows[0], want) {
		t.Fatalf("header\n%q\nwant\n%q", rows[0], want)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var reps []fileReport
	_, js, _ := run("score", "--json", a, b)
	if err := json.Unmarshal([]byte(js), &reps); err != nil {
		t.Fatal(err)
	}
	for i, r := range reps {
		row := rows[i+1]
		if row[col["file"]] != r.File || row[col["impressions"]] != strconv.Itoa(r.Impressions) || row[col["template"]] != r.Template {
			t.Errorf("row %q does not match %+v", row, r)
		}
		if got, _ := strconv.ParseFloat(row[col["overall"]], 64); got != r.Overall {
			t.Errorf("%s: overall %v, JSON %v", r.File, got, r.Overall)
		}
		for _, id := range exercise.Criteria {
			c := r.criterion(id)
			s, v, u := row[col[id+"_score"]], row[col[id+"_value"]], row[col[id+"_unit"]]
			if c == nil {
				if s != "" || v != "" || u != "" {
					t.Errorf("%s: %s does not apply but has %q %q %q", r.File, id, s, v, u)
				}
				continue
			}
			gs, _ := strconv.ParseFloat(s, 64)
			gv, _ := strconv.ParseFloat(v, 64)
			if gs != c.Score || gv != c.Value || u != c.Unit {
				t.Errorf("%s: %s = %q %q %q, JSON %v %v %q", r.File, id, s, v, u, c.Score, c.Value, c.Unit)
			}
		}
	}
	if got := rows[2][col["trainee"]]; got != `'=HYPERLINK("x")` {
		t.Errorf("formula trainee written as %q", got)
	}
	if code, _, errs := run("score", "--csv", "--json", a); code != 2 || !strings.Contains(errs, "usage:") {
		t.Errorf("--csv --json: exit %d", code)
	}
}

// screen replays what a terminal shows for text written with "\r": each
// line keeps what was drawn last over it. Trailing spaces are dropped.
func screen(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		var line []rune
		col := 0
		for _, r := range l {
			if r == '\r' {
				col = 0
				continue
			}
			if col < len(line) {
				line[col] = r
			} else {
				line = append(line, r)
			}
			col++
		}
		out = append(out, strings.TrimRight(string(line), " "))
	}
	return out
}

// TestProgress pretends stderr is a terminal: the progress line counts
// the files, failures print on clean lines of their own, and the line is
// cleared at the end. Not on a terminal, nothing but the failures.
func TestProgress(t *testing.T) {
	dir := t.TempDir()
	a := goodFile(t, dir, "ann.json")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{]"), 0o644)
	long := filepath.Join(dir, strings.Repeat("x", 120)+".json")
	goodFile(t, dir, filepath.Base(long))

	code, _, plain := run("score", a, bad, long)
	if code != 1 || strings.Contains(plain, "\r") || strings.Contains(plain, "grading") {
		t.Fatalf("not a terminal: exit %d, stderr %q", code, plain)
	}

	saved := progressTerminal
	defer func() { progressTerminal = saved }()
	asked := 0
	progressTerminal = func(io.Writer) bool { asked++; return true }

	var o, e bytes.Buffer
	code = Main([]string{"score", a, bad, long}, &o, &e)
	errs := e.String()
	if code != 1 || asked != 1 {
		t.Fatalf("exit %d, terminal asked %d times", code, asked)
	}
	for i, f := range []string{a, bad} {
		prefix := fmt.Sprintf("[%d/3] grading ", i+1)
		if want := prefix + tail(f, progressWidth-len(prefix)); !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q: %q", want, errs)
		}
	}
	if !strings.Contains(errs, "[3/3] grading …") || !strings.Contains(errs, "xxx.json") {
		t.Errorf("long name not shortened to fit: %q", errs)
	}
	for _, l := range strings.Split(errs, "\r") {
		if !strings.HasPrefix(l, "[") {
			continue // a failure line, or the blanks that clear the line
		}
		if w := textWidth(strings.TrimSuffix(l, "\n")); w > progressWidth {
			t.Errorf("progress line of %d columns: %q", w, l)
		}
	}
	got := screen(errs)
	if len(got) != 2 || !strings.HasPrefix(got[0], bad+": ") || got[1] != "" {
		t.Errorf("terminal shows %q, want the failure line, then a clear line", got)
	}
	if !strings.HasSuffix(errs, "\r") {
		t.Errorf("progress not cleared at the end: %q", errs)
	}
}

// TestScoreFlagPlaces: options before, between and after the files mean
// the same; after "--" everything is a file, even "--json".
func TestScoreFlagPlaces(t *testing.T) {
	dir := t.TempDir()
	a, b := goodFile(t, dir, "a.json"), goodFile(t, dir, "b.json")
	_, want, _ := run("score", "--csv", a, b)
	for _, args := range [][]string{{a, "--csv", b}, {a, b, "--csv"}, {a, "-csv", b}} {
		if code, out, errs := run(append([]string{"score"}, args...)...); code != 0 || out != want {
			t.Errorf("%q: exit %d, %q\n%s", args, code, errs, out)
		}
	}
	code, out, errs := run("score", "--csv", "--", a, "--json")
	if code != 1 || !strings.HasPrefix(errs, "--json: ") || len(stderrLines(t, errs)) != 1 || !strings.HasPrefix(out, "file,") {
		t.Errorf("after --: exit %d, stderr %q, stdout %q", code, errs, out)
	}
}

// TestProgressTerminal: buffers and pipes are not terminals.
func TestProgressTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if progressTerminal(w) || progressTerminal(&bytes.Buffer{}) {
		t.Error("a pipe or a buffer taken for a terminal")
	}
}
