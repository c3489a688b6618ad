package report

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smptrainer/smp/sim/client"
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
