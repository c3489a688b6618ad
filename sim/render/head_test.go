package render

import (
	"image"
	"image/color"
	"testing"

	"github.com/smptrainer/smp/sim/appearance"
	"github.com/smptrainer/smp/sim/client"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
)

// headScene is the scene the head goldens draw: the client's template with
// the reference design as its line, a strip of dots behind it, and the
// design shown as the trainee's.
func headScene(t *testing.T, id string) HeadScene {
	t.Helper()
	c, err := client.Lookup(id)
	if err != nil {
		t.Fatal(err)
	}
	ref := c.Design()
	tpl := c.Head().WithDesign(ref.Line, c.Landmarks())
	// A hand-placed band of dots 0–15 mm behind the middle of the line, so
	// the views show dots as well as stubble.
	var ims []impression.Impression
	h := tpl.Head
	for i := 0; i < 400; i++ {
		u := -30 + 60*float64(i%40)/40 + float64(i%7)*0.3
		v := c.Reference.MFPMM + 2 + float64(i/40)*1.6 + float64(i%3)*0.5
		ims = append(ims, impression.New(h.FromFace(u, v), impression.DefaultNeedle, 1, 0))
	}
	return HeadScene{Template: tpl, Impressions: ims, Stage: appearance.Healed, Face: c.Face, Design: &ref}
}

func TestGoldenHeads(t *testing.T) {
	for _, id := range []string{"c03", "c08", "c10"} {
		sc := headScene(t, id)
		for _, side := range []HeadSide{Front, Side} {
			golden(t, "head_"+id+"_"+side.String(), HeadPicture(sc, side, 360, 400))
		}
	}
}

// The design's points land on the view where the head's own projection
// puts them: the mid-frontal point on the picture's midline in the front
// view, the client's right corner on the right (as in a mirror), and the
// line's colour is at those pixels.
func TestHeadViewPlacesTheDesign(t *testing.T) {
	sc := headScene(t, "c03")
	img := HeadPicture(sc, Front, 360, 400)
	d := sc.Design
	find := func(p geom.Point) image.Point {
		// Search a small window round the expected pixel for the design colour.
		c := headCamFor(sc, Front, 360, 400)
		x, ok := c.px(sc.Template.Head.ToSkin(p))
		if !ok {
			t.Fatalf("%v not visible from the front", p)
		}
		return image.Pt(int(x.x), int(x.y))
	}
	m, r, l := find(d.MFP), find(d.FTPRight), find(d.FTPLeft)
	if m.X < 179 || m.X > 181 || r.X <= m.X || l.X >= m.X {
		t.Errorf("MFP at %v, right corner %v, left %v: want the MFP on the midline and the client's right on the right", m, r, l)
	}
	if got := img.RGBAAt(m.X, m.Y); got != designColour {
		t.Errorf("pixel at the MFP is %v, want the design colour", got)
	}
}

// A design still being marked shows its marks where the projection puts
// them, and nothing of the design's colour before the first mark.
func TestHeadViewShowsMarks(t *testing.T) {
	sc := headScene(t, "c03")
	mfp := sc.Design.MFP
	sc.Design = nil
	if n := countColour(HeadPicture(sc, Front, 360, 400), designColour); n != 0 {
		t.Fatalf("no marks: %d pixels of the design colour, want 0", n)
	}
	sc.Marks = []geom.Point{mfp}
	img := HeadPicture(sc, Front, 360, 400)
	x, ok := headCamFor(sc, Front, 360, 400).px(sc.Template.Head.ToSkin(mfp))
	if !ok {
		t.Fatal("the mid-frontal point is not visible from the front")
	}
	if got := img.RGBAAt(int(x.x), int(x.y)); got != designColour {
		t.Errorf("pixel at the marked point is %v, want the design colour", got)
	}
	// Whatever the projection, the front view is symmetric about the
	// face's midline: the mid-frontal point's mark straddles the
	// picture's middle column.
	if left, right := img.RGBAAt(179, int(x.y)), img.RGBAAt(180, int(x.y)); left != designColour || right != designColour {
		t.Errorf("mark at the mid-frontal point not on the picture's midline: columns 179, 180 are %v, %v", left, right)
	}
}

// countColour counts img's pixels of colour c.
func countColour(img *image.RGBA, c color.RGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.RGBAAt(x, y) == c {
				n++
			}
		}
	}
	return n
}

func BenchmarkHeadPicture(b *testing.B) {
	c, err := client.Lookup("c03")
	if err != nil {
		b.Fatal(err)
	}
	ref := c.Design()
	sc := HeadScene{Template: c.Head(), Face: c.Face, Design: &ref}
	for range b.N {
		HeadPicture(sc, Front, 360, 400)
	}
}
