package scalp

import (
	"fmt"
	"io/fs"
	"math"
	"path"
	"testing"

	"github.com/smptrainer/smp/assets"
)

// FuzzParse feeds arbitrary bytes to the template parser, seeded with the
// shipped files: it must never panic, and whatever it accepts must be a
// valid template.
func FuzzParse(f *testing.F) {
	entries, err := fs.ReadDir(assets.FS, Dir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if data, err := fs.ReadFile(assets.FS, path.Join(Dir, e.Name())); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"id":"x","name":"n","description":"d","pattern":"p","skin":"#000000","hair_colour":"#000000","field":{"width_mm":1e308,"height_mm":5}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tp, err := Parse(data, "fuzz.json")
		if err != nil {
			return
		}
		if err := tp.Validate(); err != nil {
			t.Fatalf("Parse accepted an invalid template: %v", err)
		}
	})
}

// FuzzHeadParams varies the numbers of a head template within and beyond
// their ranges: building must never panic, and a template it accepts must
// be valid and its zones must tile the outline.
func FuzzHeadParams(f *testing.F) {
	f.Add(80.0, 18.0, 30.0, 20.0, 18.0, 50.0, 30.0, 95.0, 95.0, 12.0, 15.0, 100.0, false)
	f.Add(88.0, 15.0, 30.0, 20.0, 15.0, 65.0, 48.0, 120.0, 150.0, 10.0, 12.0, -100.0, true)
	f.Add(70.0, 0.0, 20.0, 10.0, 5.0, 20.0, 19.0, 50.0, 200.0, 30.0, 40.0, 0.0, false)
	f.Fuzz(func(t *testing.T, height, recession, band, bandTemple, forelock, crownC, crownR, side, back, templeW, drop, patchAz float64, reaches bool) {
		js := fmt.Sprintf(`{"id":"f","name":"n","description":"d","pattern":"p","skin":"#eadaba","hair_colour":"#3b2a20","seed":1,
 "head":{"radius_mm":92,"aspect":1.1},"outline":{"brow_mm":57,"ear_arc_mm":140,"nape_arc_mm":215},"face":{"canthus_mm":47,"mid_pupil_mm":31},
 "hairline":{"height_mm":%g,"temple_recession_mm":%g,"temple_width_mm":%g,"temple_drop_mm":%g,"transition_mm":7,"band_mm":%g,"band_temple_mm":%g,"irregularity_mm":2},
 "forelock":{"half_width_mm":22,"depth_mm":%g},"crown":{"centre_mm":%g,"radius_mm":%g,"reaches_fringe":%t},
 "fringe":{"side_arc_mm":%g,"back_arc_mm":%g,"occipital_mm":35},
 "patches":[{"id":"p1","azimuth_deg":%g,"width_mm":20,"depth_mm":20}]}`,
			height, recession, templeW, drop, band, bandTemple, forelock, crownC, crownR, reaches, side, back, patchAz)
		tp, err := Parse([]byte(js), "fuzz.json")
		if err != nil {
			return
		}
		if err := tp.Validate(); err != nil {
			t.Fatalf("accepted an invalid template: %v", err)
		}
		var sum float64
		for _, z := range tp.Zones {
			sum += z.Polygon.Area()
		}
		if a := tp.Outline.Area(); math.Abs(sum-a) > 1e-6*a {
			t.Fatalf("zones sum to %g, outline %g", sum, a)
		}
	})
}
