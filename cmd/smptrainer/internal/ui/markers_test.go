package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/smptrainer/smp/cmd/smptrainer/internal/ui/input"
	"github.com/smptrainer/smp/sim/render"
	"github.com/smptrainer/smp/sim/score"
)

// TestGapMarkersInTheirOwnColour: G marks the gaps criterion's gaps and
// its merging dots each as its own marker kind, so each is drawn in its
// kind's colour (render.MarkerColour, as in the report), not every place
// in the clump colour. The work, laid by hand here: session 1's spacing
// over the left half of the practice square, the right half bare (a gap),
// and every other dot doubled 0.1 mm away (merging dots).
func TestGapMarkersInTheirOwnColour(t *testing.T) {
	type dot struct {
		X float64 `json:"x_mm"`
		Y float64 `json:"y_mm"`
	}
	var dots []dot
	for i, y := 0, -9.0; y <= 9; y += 2.6 {
		for x := -9.0; x <= -1; x += 2.6 {
			dx := 0.3 * float64(i%3-1) // a little off the lattice
			dots = append(dots, dot{x + dx, y})
			if i%2 == 0 {
				dots = append(dots, dot{x + dx + 0.1, y})
			}
			i++
		}
	}
	ims, err := json.Marshal(dots)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "work.json")
	body := `{"format":"smp-session","version":1,"template":"square20","session":1,"impressions":` + string(ims) + `}`
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	s := input.NewScript().Wait(1).Key(ebiten.KeyG)
	g := newHeadless(t, s, path)
	play(t, g, s)
	var gaps []render.Marker
	pump(t, g, func() bool { gaps, _ = g.canvasMarkers(); return len(gaps) > 0 })
	kinds := map[score.MarkerKind]int{}
	for _, m := range gaps {
		kinds[m.Kind]++
	}
	if kinds[score.MarkerGap] == 0 || kinds[score.MarkerClump] == 0 || len(kinds) != 2 {
		t.Fatalf("G marks %v, want gap and clump markers (the work has both); gaps criterion %+v",
			kinds, g.panels.score.report.Criterion(score.IDGaps))
	}
	if render.MarkerColour(score.MarkerGap) == render.MarkerColour(score.MarkerClump) {
		t.Error("gaps and clumps share one colour")
	}
	// The same places, kinds and order as the report draws them.
	var want []render.Marker
	for _, f := range render.MarkedFaults(g.panels.score.report.Criterion(score.IDGaps)) {
		for _, p := range f.Places {
			want = append(want, render.Marker{Pos: p, Kind: f.Marker})
		}
	}
	if len(want) != len(gaps) {
		t.Errorf("G marks %d places, the report %d", len(gaps), len(want))
	}
}
