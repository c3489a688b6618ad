package scalp

import (
	"math"
	"regexp"
	"strconv"
	"testing"

	"github.com/smptrainer/smp/assets"
)

// TestReadmeTable keeps the set table in assets/templates/README.md honest:
// every template is listed with its chart and treated areas to the cm².
func TestReadmeTable(t *testing.T) {
	data, err := assets.FS.ReadFile(Dir + "/README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `([a-z0-9-]+)` \\|[^|]*\\|[^|]*\\| (\\d+) \\| (\\d+) \\|$")
	seen := map[string]bool{}
	for _, m := range row.FindAllStringSubmatch(string(data), -1) {
		tp, err := Lookup(m[1])
		if err != nil {
			t.Errorf("README lists %s: %v", m[1], err)
			continue
		}
		seen[m[1]] = true
		chart, _ := strconv.Atoi(m[2])
		treated, _ := strconv.Atoi(m[3])
		if math.Abs(tp.AreaCM2()-float64(chart)) > 1 || math.Abs(tp.TreatedAreaCM2()-float64(treated)) > 1 {
			t.Errorf("README: %s %d / %d cm², built %.1f / %.1f", m[1], chart, treated, tp.AreaCM2(), tp.TreatedAreaCM2())
		}
	}
	for _, id := range IDs() {
		if !seen[id] {
			t.Errorf("README's table misses %s", id)
		}
	}
}
