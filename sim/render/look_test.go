package render

import (
	"flag"
	"image"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/score"
)

var lookDir = flag.String("look", "", "write sample renders to this directory for a human to look at")

// TestLook writes sample renders for review (go test -run Look -look DIR).
func TestLook(t *testing.T) {
	if *lookDir == "" {
		t.Skip("-look DIR not given")
	}
	sq := lookupOr("square20", syntheticSquare20)
	head := lookupOr("norwood3", syntheticHead)
	ims := seededPattern(geom.Rect{Min: geom.Pt(-10, -10), Max: geom.Pt(10, 10)}, 1.1, 1)
	for _, st := range []appearance.Stage{appearance.Fresh, appearance.Healed, appearance.Aged(5)} {
		img := image.NewRGBA(image.Rect(0, 0, 320, 320))
		v := FitView(sq.Bounds(), 320, 320, 12)
		Chart(img, sq, ims, v, Options{Stage: st, ScaleBar: true})
		writePNG(t, filepath.Join(*lookDir, "sq_"+st.String()+".png"), img)
	}
	for _, n := range []int{400, 1200} {
		img := image.NewRGBA(image.Rect(0, 0, n, n))
		v := FitView(head.Bounds(), n, n, 10)
		Chart(img, head, nil, v, All(appearance.Healed))
		writePNG(t, filepath.Join(*lookDir, "head"+strconv.Itoa(n)+".png"), img)
	}
	work := headWork(head)
	o := All(appearance.Healed)
	o.Heatmap = DensityHeatmap(head, work, 3, 4)
	o.Markers = []Marker{{Pos: geom.Pt(-20, -40), Kind: score.MarkerClump}, {Pos: geom.Pt(10, -10), Kind: score.MarkerGap, RadiusMM: 4},
		{Pos: geom.Pt(-48, -48), Kind: score.MarkerNoGo}, {Pos: geom.Pt(0, -60), Kind: score.MarkerEdge}}
	img := image.NewRGBA(image.Rect(0, 0, 1200, 1200))
	Chart(img, head, work, FitView(head.Bounds(), 1200, 1200, 10), o)
	writePNG(t, filepath.Join(*lookDir, "head_heat.png"), img)
	img = image.NewRGBA(image.Rect(0, 0, 800, 500))
	o.Heatmap = nil
	Chart(img, head, work, View{Origin: geom.Pt(-66, -75), PxPerMM: 12}, o)
	writePNG(t, filepath.Join(*lookDir, "head_zoom.png"), img)
	Chart(img, head, work, View{Origin: geom.Pt(-66, -75), PxPerMM: 12}, Preview(appearance.Healed))
	writePNG(t, filepath.Join(*lookDir, "head_zoom_preview.png"), img)
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := PNG(f, img); err != nil {
		t.Fatal(err)
	}
}
