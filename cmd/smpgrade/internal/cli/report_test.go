package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"github.com/smptrainer/smp/cmd/internal/e2eenv"
	"html"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/session"
)

// headTemplate is the full-scalp template the report tests use when it is
// registered (the head templates land separately from the practice field).
const headTemplate = "norwood3"

// hostileName is a trainee name that must come out escaped.
const hostileName = `<b>Zoë & "Co"</b><script>alert(1)</script>`

// classFixture is a small class: good and faulty work on the practice
// field and, when registered, on a head template, plus two files that
// cannot be read.
type classFixture struct {
	dir  string
	head bool     // the head-template files are in the class
	bad  []string // paths of the unreadable files
	// edited is a file whose impressions were changed after saving.
	edited string
	n      int // readable files
}

var (
	fixtureOnce sync.Once
	fixture     *classFixture
	fixtureErr  error
)

// testClass builds the class once per test binary: generating head
// patterns takes seconds.
func testClass(t testing.TB) *classFixture {
	t.Helper()
	fixtureOnce.Do(func() { fixture, fixtureErr = buildClass() })
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixture
}

func buildClass() (*classFixture, error) {
	dir, err := os.MkdirTemp("", "smpgrade-report-class-")
	if err != nil {
		return nil, err
	}
	f := &classFixture{dir: dir}
	type work struct {
		tmpl, style, trainee, file string
		sessionNo                  int
	}
	class := []work{
		{practice, pattern.Expert, "Ann Expert", "ann.json", 2},
		{practice, pattern.Random, "", "sq-random.json", 2}, // no trainee: named by its file
		{practice, pattern.Grid, hostileName, "zoe.json", 2},
		{practice, pattern.Clumped, "Dee Clumped", "sub/dee.json", 2},
	}
	if _, err := scalp.Lookup(headTemplate); err == nil {
		f.head = true
		class = append(class,
			work{headTemplate, pattern.Expert, "Hal Expert", "hal.json", 1},
			work{headTemplate, pattern.Hardline, "Ira Hardline", "ira.json", 1})
	}
	for i, w := range class {
		tp, err := scalp.Lookup(w.tmpl)
		if err != nil {
			return nil, err
		}
		ims, err := pattern.Generate(tp, w.style, w.sessionNo, uint64(10+i))
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, w.file)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, err
		}
		s := &session.Session{Template: tp.ID, Trainee: w.trainee, Number: w.sessionNo, Impressions: ims}
		if err := session.Save(p, s); err != nil {
			return nil, err
		}
		f.n++
	}
	// A file edited after the trainer saved it: the impressions no longer
	// match the recorded content hash.
	if f.n > 0 {
		src, err := session.Load(filepath.Join(dir, class[0].file))
		if err != nil {
			return nil, err
		}
		orig := src.Hash()
		src.Trainee = "Eddie Edited"
		src.Impressions[0].Pos.X += 0.01
		var buf bytes.Buffer
		if err := session.Encode(&buf, src); err != nil {
			return nil, err
		}
		data := strings.Replace(buf.String(), src.Hash(), orig, 1)
		if err := os.WriteFile(filepath.Join(dir, "edited.json"), []byte(data), 0o644); err != nil {
			return nil, err
		}
		f.n++
		f.edited = filepath.Join(dir, "edited.json")
	}
	broken := filepath.Join(dir, "broken.json")
	hostile := filepath.Join(dir, "sub", "hostile.json")
	f.bad = []string{broken, hostile}
	if err := os.WriteFile(broken, []byte(`{"format":"smp-session","version":1,"template":"square20","impressions":[{"x_mm":1e999`), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(hostile, []byte(strings.Repeat("[", 100000)), 0o644); err != nil {
		return nil, err
	}
	return f, nil
}

// scoreJSON is the part of "score --json" the report must agree with.
type scoreJSON struct {
	File     string  `json:"file"`
	Trainee  string  `json:"trainee"`
	Template string  `json:"template"`
	Overall  float64 `json:"overall"`
	Criteria []struct {
		ID       string  `json:"id"`
		Name     string  `json:"name"`
		Score    float64 `json:"score"`
		Value    float64 `json:"value"`
		Unit     string  `json:"unit"`
		Target   string  `json:"target"`
		Feedback string  `json:"feedback"`
		Weight   float64 `json:"weight"`
	} `json:"criteria"`
}

func gradeJSON(t *testing.T, args ...string) map[string]scoreJSON {
	t.Helper()
	code, out, errs := run(append([]string{"score", "--json"}, args...)...)
	if code != exitFailed {
		t.Fatalf("score --json: exit %d (want 1: the class has broken files); stderr %q", code, errs)
	}
	var rs []scoreJSON
	if err := json.Unmarshal([]byte(out), &rs); err != nil {
		t.Fatalf("score --json: %v", err)
	}
	m := map[string]scoreJSON{}
	for _, r := range rs {
		m[r.File] = r
	}
	return m
}

// pageSection is one trainee's section as read back from the page.
type pageSection struct {
	file, name         string
	overall            float64
	overallText        string
	criteria           []pageCriterion
	hasProfile, hasNN  bool
	expertImg, workImg bool
}

type pageCriterion struct {
	id                   string
	score, value, weight float64
	scoreText, valueText string
	target, feedback     string
}

var (
	reSection   = regexp.MustCompile(`(?s)<section class="trainee" id="[^"]*" data-file="([^"]*)">(.*?)</section>`)
	reName      = regexp.MustCompile(`(?s)<h2 class="name">(.*?)</h2>`)
	reOverall   = regexp.MustCompile(`<b class="overall-score" data-value="([^"]*)">([^<]*)</b>`)
	reCriterion = regexp.MustCompile(`(?s)<tbody class="criterion" data-criterion="([^"]*)" data-score="([^"]*)" data-value="([^"]*)" data-weight="([^"]*)">(.*?)</tbody>`)
	reScore     = regexp.MustCompile(`<span class="score[^"]*">([^<]*)</span>`)
	reValue     = regexp.MustCompile(`<td class="num value">([^<]*)</td>`)
	reTarget    = regexp.MustCompile(`(?s)<td class="tg target">(.*?)</td>`)
	reFeedback  = regexp.MustCompile(`(?s)<td colspan="4" class="feedback">(.*?)</td>`)
	reImg       = regexp.MustCompile(`<img [^>]*src="([^"]*)"`)
	reRow       = regexp.MustCompile(`(?s)<tr data-file="([^"]*)">(.*?)</tr>`)
	reDataValue = regexp.MustCompile(`data-value="([^"]*)"`)
	reCell      = regexp.MustCompile(`<td class="num[^"]*" data-criterion="([^"]*)" data-sort="[^"]*" data-value="([^"]*)">([^<]*)</td>`)
	reLead      = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?`)
)

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("number %q: %v", s, err)
	}
	return v
}

// readSections reads the trainee sections from page (the written HTML or
// Chromium's DOM).
func readSections(t *testing.T, page string) []pageSection {
	t.Helper()
	var out []pageSection
	for _, m := range reSection.FindAllStringSubmatch(page, -1) {
		s := pageSection{file: html.UnescapeString(m[1])}
		body := m[2]
		if n := reName.FindStringSubmatch(body); n != nil {
			s.name = html.UnescapeString(n[1])
		}
		o := reOverall.FindStringSubmatch(body)
		if o == nil {
			t.Fatalf("%s: no overall score on the page", s.file)
		}
		s.overall, s.overallText = num(t, o[1]), o[2]
		for _, c := range reCriterion.FindAllStringSubmatch(body, -1) {
			pc := pageCriterion{id: c[1], score: num(t, c[2]), value: num(t, c[3]), weight: num(t, c[4])}
			in := c[5]
			for _, f := range []struct {
				re  *regexp.Regexp
				dst *string
			}{{reScore, &pc.scoreText}, {reValue, &pc.valueText}, {reTarget, &pc.target}, {reFeedback, &pc.feedback}} {
				mm := f.re.FindStringSubmatch(in)
				if mm == nil {
					t.Fatalf("%s: criterion %s: %v not found in %q", s.file, pc.id, f.re, in)
				}
				*f.dst = strings.TrimSpace(html.UnescapeString(mm[1]))
			}
			s.criteria = append(s.criteria, pc)
		}
		for _, im := range reImg.FindAllStringSubmatch(body, -1) {
			src := im[1]
			s.hasProfile = s.hasProfile || strings.HasSuffix(src, "-profile.png")
			s.hasNN = s.hasNN || strings.HasSuffix(src, "-nn.png")
			s.expertImg = s.expertImg || strings.Contains(src, "/expert-")
			s.workImg = s.workImg || strings.HasSuffix(src, "-work.png")
		}
		out = append(out, s)
	}
	return out
}

// checkNumbers checks every number the page shows against "score --json":
// the data attributes exactly, the shown text to its printed precision.
func checkNumbers(t *testing.T, page string, want map[string]scoreJSON) {
	t.Helper()
	secs := readSections(t, page)
	if len(secs) != len(want) {
		t.Errorf("page has %d trainee sections, score --json graded %d files", len(secs), len(want))
	}
	for _, s := range secs {
		j, ok := want[s.file]
		if !ok {
			t.Errorf("page has a section for %q, which score did not grade", s.file)
			continue
		}
		wantName := j.Trainee
		if wantName == "" {
			wantName = strings.TrimSuffix(filepath.Base(j.File), ".json")
		}
		if s.name != wantName {
			t.Errorf("%s: name %q, want %q", s.file, s.name, wantName)
		}
		if s.overall != j.Overall || math.Abs(num(t, s.overallText)-j.Overall) > 0.05+1e-9 {
			t.Errorf("%s: overall %v shown %q, score --json says %v", s.file, s.overall, s.overallText, j.Overall)
		}
		if len(s.criteria) != len(j.Criteria) {
			t.Errorf("%s: %d criteria on the page, %d in score --json", s.file, len(s.criteria), len(j.Criteria))
			continue
		}
		for k, c := range s.criteria {
			w := j.Criteria[k]
			if c.id != w.ID || c.score != w.Score || c.value != w.Value || c.weight != w.Weight {
				t.Errorf("%s: criterion %d is %s %v/%v/%v, score --json has %s %v/%v/%v", s.file, k,
					c.id, c.score, c.value, c.weight, w.ID, w.Score, w.Value, w.Weight)
			}
			if math.Abs(num(t, c.scoreText)-w.Score) > 0.05+1e-9 {
				t.Errorf("%s: %s score shown %q, want %v", s.file, c.id, c.scoreText, w.Score)
			}
			lead := reLead.FindString(c.valueText)
			tol := 0.005
			if math.Abs(w.Value) >= 100 {
				tol = 0.5
			}
			if lead == "" || math.Abs(num(t, lead)-w.Value) > tol+1e-9 || !strings.Contains(c.valueText, w.Unit) {
				t.Errorf("%s: %s value shown %q, want %v %s", s.file, c.id, c.valueText, w.Value, w.Unit)
			}
			if c.target != w.Target || c.feedback != w.Feedback {
				t.Errorf("%s: %s target/feedback %q / %q, want %q / %q", s.file, c.id, c.target, c.feedback, w.Target, w.Feedback)
			}
		}
	}
	// The class table: one row per file, its overall and one cell per
	// criterion that applies.
	rows := reRow.FindAllStringSubmatch(page, -1)
	if len(rows) != len(want) {
		t.Errorf("class table has %d rows, want %d", len(rows), len(want))
	}
	for _, r := range rows {
		j := want[html.UnescapeString(r[1])]
		vals := reDataValue.FindAllStringSubmatch(r[2], -1)
		if len(vals) != 1+len(j.Criteria) {
			t.Errorf("class table row %s: %d numbers, want %d", r[1], len(vals), 1+len(j.Criteria))
			continue
		}
		if num(t, vals[0][1]) != j.Overall {
			t.Errorf("class table row %s: overall %s, want %v", r[1], vals[0][1], j.Overall)
		}
		cells := reCell.FindAllStringSubmatch(r[2], -1)
		if len(cells) != len(j.Criteria) {
			t.Errorf("class table row %s: %d criterion cells, want %d", r[1], len(cells), len(j.Criteria))
		}
		for _, c := range cells {
			found := false
			for _, w := range j.Criteria {
				if w.ID == c[1] {
					found = true
					if num(t, c[2]) != w.Score || math.Abs(num(t, c[3])-w.Score) > 0.05+1e-9 {
						t.Errorf("class table row %s: %s is %s shown %q, want %v", r[1], c[1], c[2], c[3], w.Score)
					}
				}
			}
			if !found {
				t.Errorf("class table row %s: criterion %s is not graded for this file", r[1], c[1])
			}
		}
	}
}

// runReportCmd runs "report" with the terminal test forced to tty.
func runReportCmd(t *testing.T, tty bool, args ...string) (int, string, string) {
	t.Helper()
	old := progressTerminal
	progressTerminal = func(io.Writer) bool { return tty }
	defer func() { progressTerminal = old }()
	return run(append([]string{"report"}, args...)...)
}

func TestReportClass(t *testing.T) {
	c := testClass(t)
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runReportCmd(t, false, "-o", out, c.dir)
	if code != exitFailed {
		t.Fatalf("exit %d, want 1 (some files are broken); stderr:\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	if len(lines) != len(c.bad) {
		t.Errorf("stderr has %d lines, want one per bad file (%d):\n%s", len(lines), len(c.bad), stderr)
	}
	for _, b := range c.bad {
		if !strings.Contains(stderr, b+":") {
			t.Errorf("stderr does not name %s:\n%s", b, stderr)
		}
	}
	if strings.Contains(stderr, "\r") || strings.Contains(stderr, "[1/") {
		t.Errorf("progress shown although stderr is not a terminal: %q", stderr)
	}
	if !strings.Contains(stdout, fmt.Sprintf("%d reported, %d failed", c.n, len(c.bad))) {
		t.Errorf("stdout %q", stdout)
	}
	data, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(data)

	// Self-contained: nothing fetched from the network.
	for _, bad := range []string{`src="http`, `href="http`, `url(http`, `src="//`, `@import`} {
		if strings.Contains(page, bad) {
			t.Errorf("page refers to the network: %s", bad)
		}
	}
	// Well formed as far as the page's structure goes: every container
	// closes, in balance.
	for _, tag := range []string{"section", "table", "thead", "tbody", "tr", "td", "th", "figure", "figcaption", "div", "ul", "li", "dl", "main", "body", "html", "style", "script"} {
		open := regexp.MustCompile(`<`+tag+`[\s>]`).FindAllStringIndex(page, -1)
		if c := strings.Count(page, "</"+tag+">"); c != len(open) {
			t.Errorf("<%s>: %d opened, %d closed", tag, len(open), c)
		}
	}
	if !strings.HasPrefix(page, "<!DOCTYPE html>") {
		t.Error("no doctype")
	}
	// Every picture is a PNG beside the page (or a data: URI).
	imgs := reImg.FindAllStringSubmatch(page, -1)
	if len(imgs) < 4*c.n {
		t.Errorf("only %d pictures for %d files", len(imgs), c.n)
	}
	for _, m := range imgs {
		checkPNG(t, out, html.UnescapeString(m[1]))
	}
	// Hostile text is escaped, never markup.
	if strings.Contains(page, "<script>alert") || strings.Contains(page, "<b>Zoë") {
		t.Error("a trainee name reached the page unescaped")
	}
	if !strings.Contains(page, html.EscapeString("Zoë & ")) && !strings.Contains(page, "Zoë &amp; ") {
		t.Error("the escaped trainee name is missing")
	}
	// The failures are listed on the page too.
	for _, b := range c.bad {
		if !strings.Contains(html.UnescapeString(page), b+":") {
			t.Errorf("page does not list the failure of %s", b)
		}
	}
	// Print: A4 and a page break before every trainee.
	for _, want := range []string{"size: A4", ".trainee { break-before: page"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}

	want := gradeJSON(t, c.dir)
	checkNumbers(t, page, want)

	secs := readSections(t, page)
	// The edited file, and only it, carries the warning.
	for _, m := range reSection.FindAllStringSubmatch(page, -1) {
		warned := strings.Contains(m[2], `class="warn"`)
		if file := html.UnescapeString(m[1]); warned != (file == c.edited) {
			t.Errorf("%s: edited-after-save warning %v", file, warned)
		}
	}
	for _, s := range secs {
		if !s.hasNN || !s.expertImg || !s.workImg {
			t.Errorf("%s: missing a picture or plot (nn %v, expert %v, work %v)", s.file, s.hasNN, s.expertImg, s.workImg)
		}
		head := want[s.file].Template == headTemplate
		if s.hasProfile != head {
			t.Errorf("%s (%s): hairline profile shown %v, want %v", s.file, want[s.file].Template, s.hasProfile, head)
		}
	}
	if !c.head {
		t.Logf("template %s is not registered yet: the class has only the practice field", headTemplate)
	}
}

// checkPNG checks that src, relative to dir or a data: URI, decodes as a
// non-empty PNG.
func checkPNG(t *testing.T, dir, src string) {
	t.Helper()
	var data []byte
	if rest, ok := strings.CutPrefix(src, "data:image/png;base64,"); ok {
		var err error
		if data, err = base64.StdEncoding.DecodeString(rest); err != nil {
			t.Errorf("data URI: %v", err)
			return
		}
	} else {
		if filepath.IsAbs(src) || strings.Contains(src, "..") || strings.Contains(src, ":") {
			t.Errorf("picture %q is not a file beside the page", src)
			return
		}
		var err error
		if data, err = os.ReadFile(filepath.Join(dir, filepath.FromSlash(src))); err != nil {
			t.Errorf("picture: %v", err)
			return
		}
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Errorf("picture %s: %v", src, err)
		return
	}
	if b := img.Bounds(); b.Dx() < 50 || b.Dy() < 50 {
		t.Errorf("picture %s is only %v", src, b)
	}
}

func TestReportProgressOnTerminal(t *testing.T) {
	dir := t.TempDir()
	a := goodFile(t, dir, "a.json")
	b := goodFile(t, dir, "b.json")
	bad := filepath.Join(dir, "c.json")
	if err := os.WriteFile(bad, []byte("not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runReportCmd(t, true, "-o", filepath.Join(dir, "out"), a, b, bad)
	if code != exitFailed {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{"[1/3] ", "[2/3] ", "[3/3] ", bad + ":"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q: %q", want, stderr)
		}
	}
	// The error line stands on its own line, not glued to a progress line.
	// screen replays what a terminal shows of the redrawn lines.
	shown := screen(stderr)
	for _, l := range shown {
		if strings.Contains(l, bad+":") && !strings.HasPrefix(l, bad) {
			t.Errorf("error line mixed with progress: %q", l)
		}
	}
	if last := shown[len(shown)-1]; last != "" {
		t.Errorf("progress line left on the terminal: %q", last)
	}
}

func TestReportAllGood(t *testing.T) {
	dir := t.TempDir()
	a := goodFile(t, dir, "a.json")
	code, stdout, stderr := runReportCmd(t, false, "-o", filepath.Join(dir, "out"), a)
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, "1 reported, 0 failed") {
		t.Errorf("stdout %q", stdout)
	}
}

// TestReportNothingReadable: every file broken still gives a page listing
// the failures, and exit 1.
func TestReportNothingReadable(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "a.json")
	if err := os.WriteFile(bad, []byte{0, 1, 2, 0xff}, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, stdout, stderr := runReportCmd(t, false, "-o", out, bad, filepath.Join(dir, "missing.json"))
	if code != exitFailed || strings.Count(stderr, "\n") != 2 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, "0 reported, 2 failed") {
		t.Errorf("stdout %q", stdout)
	}
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "missing.json") || !strings.Contains(string(page), bad) {
		t.Error("the page does not list the failures")
	}
}

func TestReportUsage(t *testing.T) {
	dir := t.TempDir()
	a := goodFile(t, dir, "a.json")
	for _, args := range [][]string{
		{a},                       // no -o
		{"-o", dir},               // no files
		{"-o", dir, "--bogus", a}, // unknown flag
	} {
		if code, _, stderr := runReportCmd(t, false, args...); code != exitUsage || !strings.Contains(stderr, "usage: smpgrade report") {
			t.Errorf("report %q: exit %d, stderr %q", args, code, stderr)
		}
	}
	// An output folder that cannot be made is a failure, not a panic.
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runReportCmd(t, false, "-o", blocker, a); code != exitFailed || stderr == "" {
		t.Errorf("-o onto a file: exit %d, stderr %q", code, stderr)
	}
}

func chromiumRun(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	base := append(slices.Clone(e2eenv.ChromiumFlags), "--disable-gpu", "--user-data-dir="+t.TempDir())
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %q: %v\n%s", bin, args, err, stderr.String())
	}
	return stdout.Bytes()
}

var reBodyImages = regexp.MustCompile(`<body[^>]*data-images="([^"]*)"`)

// TestReportChromium opens the report in headless Chromium: every picture
// loads, the numbers shown match "score --json", the class table sorts, and
// a screenshot is saved (SMP_E2E_SHOTS=DIR keeps it; else a temp dir).
func TestReportChromium(t *testing.T) {
	bin := e2eenv.Chromium()
	if bin == "" {
		e2eenv.Skip(t, "no chromium binary is on PATH (apt-get install chromium, or make test)")
	}
	c := testClass(t)
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runReportCmd(t, false, "-o", out, c.dir); code != exitFailed {
		t.Fatalf("report: exit %d, stderr %q", code, stderr)
	}
	index, err := filepath.Abs(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	nImg := len(reImg.FindAllString(string(src), -1))
	url := "file://" + filepath.ToSlash(index)

	dom := string(chromiumRun(t, bin, "--virtual-time-budget=5000", "--dump-dom", url))
	m := reBodyImages.FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("the page's script did not run: no data-images on <body>")
	}
	if want := fmt.Sprintf("all-loaded:%d", nImg); m[1] != want {
		t.Errorf("images: %s, want %s", m[1], want)
	}
	checkNumbers(t, dom, gradeJSON(t, c.dir))

	// The class table sorts: "#sort=-4" ranks by overall, best first.
	dom = string(chromiumRun(t, bin, "--virtual-time-budget=5000", "--dump-dom", url+"#sort=-4"))
	var overall []float64
	for _, r := range reRow.FindAllStringSubmatch(dom, -1) {
		if v := reDataValue.FindStringSubmatch(r[2]); v != nil {
			overall = append(overall, num(t, v[1]))
		}
	}
	if len(overall) != c.n {
		t.Errorf("sorted table has %d rows, want %d", len(overall), c.n)
	}
	for i := 1; i < len(overall); i++ {
		if overall[i] > overall[i-1] {
			t.Errorf("table not sorted by overall, best first: %v", overall)
			break
		}
	}

	shots := os.Getenv("SMP_E2E_SHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	shot := filepath.Join(shots, "report-screenshot.png")
	chromiumRun(t, bin, "--virtual-time-budget=5000", "--hide-scrollbars", "--screenshot="+shot, "--window-size=1240,1754", url)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	// Not a blank page: many distinct colours (text, pictures, plots).
	colours := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bb, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bb >> 8}] = true
		}
	}
	if len(colours) < 50 {
		t.Errorf("screenshot looks blank: %d colours", len(colours))
	}
	t.Logf("screenshot: %s (%v)", shot, b.Size())
}

// TestMain removes the shared class fixture after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if fixture != nil {
		os.RemoveAll(fixture.dir)
	}
	os.Exit(code)
}
