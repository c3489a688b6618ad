package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/smptrainer/smp/cmd/internal/e2eenv"
	"github.com/smptrainer/smp/sim/pattern"
	"github.com/smptrainer/smp/sim/scalp"
	"github.com/smptrainer/smp/sim/session"
)

var rePDFPages = regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`)

// TestReportPrintsOnePagePerTrainee prints the report of a class of ten
// to PDF in headless Chromium, as an instructor's "Print" does, and counts
// the A4 pages with poppler's pdfinfo: the class page and one sheet per
// trainee, 11. The class has every style of fault, so the score cards
// carry the longest feedback the grader writes.
func TestReportPrintsOnePagePerTrainee(t *testing.T) {
	bin := e2eenv.Chromium()
	if bin == "" {
		e2eenv.Skip(t, "no chromium binary is on PATH (apt-get install chromium, or make test)")
	}
	pdfinfo, err := exec.LookPath("pdfinfo")
	if err != nil {
		e2eenv.Skip(t, "no pdfinfo on PATH (apt-get install poppler-utils, or make test)")
	}
	tp, err := scalp.Lookup(headTemplate)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	class := filepath.Join(dir, "class")
	if err := os.MkdirAll(class, 0o755); err != nil {
		t.Fatal(err)
	}
	styles := pattern.Styles()
	const trainees = 10
	for i := range trainees {
		ims, err := pattern.Generate(tp, styles[i%len(styles)], 1+i%2, uint64(100+i))
		if err != nil {
			t.Fatal(err)
		}
		s := &session.Session{Template: tp.ID, Trainee: fmt.Sprintf("Trainee %02d with a rather long full name", i+1),
			Number: 1 + i%2, Impressions: ims}
		if err := session.Save(filepath.Join(class, fmt.Sprintf("t%02d.json", i)), s); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "report")
	if code, _, stderr := runReportCmd(t, false, "-o", out, class); code != exitOK {
		t.Fatalf("report: exit %d, stderr %q", code, stderr)
	}
	index, err := filepath.Abs(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "report.pdf")
	if d := os.Getenv("SMP_E2E_SHOTS"); d != "" {
		pdf = filepath.Join(d, "report.pdf")
	}
	chromiumRun(t, bin, "--virtual-time-budget=5000", "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+filepath.ToSlash(index))
	info, err := exec.Command(pdfinfo, pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	m := rePDFPages.FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo printed no page count:\n%s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	if !regexp.MustCompile(`Page size:.*\(A4\)`).Match(info) {
		t.Errorf("not printed on A4:\n%s", info)
	}
	if pages != trainees+1 {
		t.Errorf("the printed report of %d trainees is %d pages, want %d (a class page and one per trainee)", trainees, pages, trainees+1)
	}
	// Chromium shrinks the whole document to fit instead of adding pages
	// when a fixed-height page overflows: then the page count is right but
	// the text small. Unshrunk, the class table reaches across the page
	// to its right margin (12 mm), and every trainee page's score card too.
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		e2eenv.Skip(t, "no pdftotext on PATH (apt-get install poppler-utils, or make test)")
	}
	for _, page := range []string{"1", "2"} {
		bbox, err := exec.Command(pdftotext, "-bbox", "-f", page, "-l", page, pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		w := rePageWidth.FindSubmatch(bbox)
		if w == nil {
			t.Fatalf("pdftotext -bbox: no page width in %.200s", bbox)
		}
		width, _ := strconv.ParseFloat(string(w[1]), 64)
		right := 0.0
		for _, m := range reXMax.FindAllSubmatch(bbox, -1) {
			x, _ := strconv.ParseFloat(string(m[1]), 64)
			right = max(right, x)
		}
		if right < 0.85*width {
			t.Errorf("page %s: text ends %.0f pt from the left of a %.0f pt page: printed shrunk to fit", page, right, width)
		}
	}
}

var (
	rePageWidth = regexp.MustCompile(`<page width="([0-9.]+)"`)
	reXMax      = regexp.MustCompile(`xMax="([0-9.]+)"`)
)
