package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/geom"
)

// A trainee whose file has a design gets the front and side views of it
// on the model head, with the client's reference named; one without does
// not.
func TestReportShowsTheDesignOnTheHead(t *testing.T) {
	c, err := client.Lookup("c03")
	if err != nil {
		t.Fatal(err)
	}
	d, err := json.Marshal(c.Design())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	files := map[string]string{
		"ann.json": `{"format":"smp-session","version":1,"template":"norwood3","exercise":"map-norwood3-mature","trainee":"Ann","design":` + string(d) + `}`,
		"bob.json": `{"format":"smp-session","version":1,"template":"norwood3","trainee":"Bob","impressions":[{"x_mm":0,"y_mm":-60}]}`,
	}
	out := writeReport(t, dir, files)
	html, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(html)
	if n := strings.Count(page, "The design, front"); n != 1 {
		t.Errorf("%d front views, want 1 (Ann's only)", n)
	}
	if !strings.Contains(page, "Graham Doyle (c03)") || !strings.Contains(page, "not a likeness") {
		t.Error("the side view's caption does not name the client's reference or say it is a model")
	}
	imgs, _ := filepath.Glob(filepath.Join(out, "img", "*-front.png"))
	sides, _ := filepath.Glob(filepath.Join(out, "img", "*-side.png"))
	if len(imgs) != 1 || len(sides) != 1 {
		t.Errorf("front %v side %v, want one of each", imgs, sides)
	}
}

// Two files on one template with different hairline designs each get an
// expert example laid to their own line: the expert follows the design
// (scalp.Template.WithDesign), so one shared picture would show one
// trainee the expert work of the other's line.
func TestExpertFollowsEachFilesDesign(t *testing.T) {
	c, err := client.Lookup("c03")
	if err != nil {
		t.Fatal(err)
	}
	near := c.Design()
	far := c.Design()
	far.Line = nil
	for _, p := range near.Line { // the same line, 8 mm further back
		far.Line = append(far.Line, geom.Pt(p.X, p.Y-8))
	}
	files := map[string]string{}
	for name, d := range map[string]design.Design{"ann.json": near, "bob.json": far} {
		js, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = `{"format":"smp-session","version":1,"template":"norwood3","trainee":"` + name + `","design":` + string(js) + `}`
	}
	out := writeReport(t, t.TempDir(), files)
	experts, _ := filepath.Glob(filepath.Join(out, "img", "expert-*.png"))
	if len(experts) != 2 {
		t.Fatalf("expert pictures %v, want one per design", experts)
	}
	a, errA := os.ReadFile(experts[0])
	b, errB := os.ReadFile(experts[1])
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if bytes.Equal(a, b) {
		t.Error("the two designs' expert pictures are the same picture")
	}
	html, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range experts {
		if n := strings.Count(string(html), "img/"+filepath.Base(e)); n != 1 {
			t.Errorf("%s is shown %d times, want once (its own trainee's)", filepath.Base(e), n)
		}
	}
}

// writeReport writes files (name to body) into dir and the report of them
// into dir/out, which it returns.
func writeReport(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	var paths []string
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	out := filepath.Join(dir, "out")
	if _, err := Write(out, paths, Options{}); err != nil {
		t.Fatal(err)
	}
	return out
}
