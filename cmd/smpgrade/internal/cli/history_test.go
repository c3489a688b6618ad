package cli

import (
	"fmt"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
)

func TestHistoryTableAndPlot(t *testing.T) {
	dir := t.TempDir()
	// Recorded newest first: the table still runs oldest first.
	late := attemptFile(t, dir, "ann", 2, 20, 5)
	early := attemptFile(t, dir, "ann", 1, 5, 6)
	bob := attemptFile(t, dir, "bob", 1, 7, 7)
	db := filepath.Join(dir, "class.gradebook")
	if code, out, errOut := run("record", "--db", db, late, early, bob); code != 0 {
		t.Fatalf("record: exit %d\n%s%s", code, out, errOut)
	}
	hs := historyJSON(t, db)
	if len(hs) != 2 || hs[0].Trainee != "ann" || hs[1].Trainee != "bob" {
		t.Fatalf("histories: %+v", hs)
	}
	ann := hs[0]

	code, out, errOut := run("history", "--db", db, "ann")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[0], "ann: 2 attempts") {
		t.Errorf("title %q", lines[0])
	}
	head := strings.Fields(lines[1])
	if len(head) != 3+len(ann.Criteria)+1 || head[3] != gradebook.OverallID {
		t.Errorf("header %q for criteria %v", lines[1], ann.Criteria)
	}
	if !strings.Contains(lines[2], "2026-09-05") || !strings.Contains(lines[3], "2026-09-20") {
		t.Errorf("rows not oldest first:\n%s", out)
	}
	// The change row is last minus first and the per-week row the slope,
	// as the JSON trends say (ann's attempts are 15 days apart).
	trendRows := 0
	for _, l := range lines {
		row := strings.TrimSpace(l)
		change, perWeek := strings.HasPrefix(row, "change"), strings.HasPrefix(row, "per week")
		if !change && !perWeek {
			continue
		}
		trendRows++
		f := strings.Fields(l)
		if perWeek {
			f = f[:len(f)-3] // "over 15.0 days"
		}
		if len(f) < len(ann.Trends) {
			t.Errorf("trend row %q", l)
			continue
		}
		vals := f[len(f)-len(ann.Trends):]
		for i, tr := range ann.Trends {
			want := fmt.Sprintf("%+.1f", tr.Change)
			if perWeek {
				if tr.PerWeek == nil {
					t.Fatalf("no rate per week over %v days", tr.Days)
				}
				want = fmt.Sprintf("%+.1f", *tr.PerWeek)
			}
			if vals[i] != want {
				t.Errorf("%s of %s shows %s, trend says %s", row[:6], tr.Criterion, vals[i], want)
			}
		}
	}
	if trendRows != 2 {
		t.Errorf("want a change and a per-week row for ann's one exercise:\n%s", out)
	}
	if strings.Contains(out, "bob") {
		t.Error("history ann shows bob")
	}

	plotPath := filepath.Join(dir, "trend.png")
	if code, _, errOut := run("history", "--db", db, "--plot", plotPath); code != 0 {
		t.Fatalf("--plot: exit %d: %s", code, errOut)
	}
	f, err := os.Open(plotPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("plot is not a PNG: %v", err)
	}
	rows := (len(ann.Criteria) + plotCols - 1) / plotCols
	if b := img.Bounds(); b.Dx() < 1000 || b.Dy() < rows*300 {
		t.Errorf("plot is %v for %d rows of tiles", b, rows)
	}
	// Each trainee in their own colour: bob's ink is on the plot too.
	inks := map[color.RGBA]bool{}
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			inks[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)] = true
		}
	}
	if !inks[traineeInks[0]] || !inks[traineeInks[1]] {
		t.Error("the plot does not show both trainees' colours")
	}
	// A single attempt (one date) still plots.
	if code, _, errOut := run("history", "--db", db, "--plot", plotPath, "bob"); code != 0 {
		t.Errorf("single-date plot: exit %d: %s", code, errOut)
	}
}

func TestHistoryErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.gradebook")
	code, _, errOut := run("history", "--db", missing)
	if code != exitFailed || !strings.Contains(errOut, missing) || strings.Count(errOut, "\n") != 1 {
		t.Errorf("missing: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("history created the gradebook")
	}
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("\x00\x01binary junk"), 0o644)
	if code, _, errOut := run("history", "--db", junk); code != exitFailed || !strings.Contains(errOut, junk+": not an SQLite database") {
		t.Errorf("junk: exit %d, %q", code, errOut)
	}
	db := filepath.Join(dir, "g.db")
	run("record", "--db", db, attemptFile(t, dir, "ann", 1, 1, 1))
	if code, out, errOut := run("history", "--db", db, "zed"); code != exitFailed || !strings.Contains(errOut, `"zed"`) {
		t.Errorf("unknown trainee: exit %d\n%s%s", code, out, errOut)
	}
	empty := filepath.Join(dir, "empty.db")
	b, err := gradebook.Open(empty)
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	if code, _, errOut := run("history", "--db", empty); code != exitFailed || !strings.Contains(errOut, "no attempts") {
		t.Errorf("empty: exit %d, %q", code, errOut)
	}
}
