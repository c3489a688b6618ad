package palette

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDefault(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if n := count(p.Skins, "monk"); n != 10 {
		t.Errorf("%d Monk tones, want 10", n)
	}
	if n := count(p.Skins, "fitzpatrick"); n != 6 {
		t.Errorf("%d Fitzpatrick swatches, want 6", n)
	}
	if len(p.Hair) < 8 {
		t.Errorf("%d hair targets, want about 8", len(p.Hair))
	}
	cb, err := p.Pigment("carbon-black")
	if err != nil {
		t.Fatal(err)
	}
	if cb.Strength != 1 || cb.Dilutions[0] != 0 {
		t.Errorf("carbon black = %+v, want strength 1 and a ladder from neat", cb)
	}
	sw, err := p.Skin("monk:3")
	if err != nil || sw.Colour.Hex() != "#f7ead0" || sw.Name != "MST-03" {
		t.Errorf("monk:3 = %+v, %v", sw, err)
	}
	if _, err := p.HairTarget("black"); err != nil {
		t.Error(err)
	}
}

func count(s []Swatch, scale string) int {
	n := 0
	for _, sw := range s {
		if sw.Scale == scale {
			n++
		}
	}
	return n
}

func TestLookupUnknown(t *testing.T) {
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Pigment("magenta")
	if !errors.Is(err, ErrUnknown) || !strings.Contains(err.Error(), "magenta") {
		t.Errorf("Pigment(magenta) error = %v", err)
	}
	if _, err = p.Skin("monk:11"); !errors.Is(err, ErrUnknown) {
		t.Errorf("Skin(monk:11) error = %v", err)
	}
}

func TestDilutionLabel(t *testing.T) {
	for d, want := range map[float64]string{0: "neat", 2: "1:2", 20: "1:20", 2.5: "1:2.5"} {
		if got := DilutionLabel(d); got != want {
			t.Errorf("DilutionLabel(%v) = %q, want %q", d, got, want)
		}
	}
}

const goodSkin = `{"format":"smp-palette","kind":"skin","version":1,"colours":[{"id":"monk:1","name":"MST-01","scale":"monk","hex":"#f6ede4"}]}`
const goodHair = `{"format":"smp-palette","kind":"hair","version":1,"colours":[{"id":"black","name":"Black","lab":[18,0.5,1]}]}`
const goodPig = `{"format":"smp-palette","kind":"pigments","version":1,"pigments":[{"id":"cb","name":"CB","strength":1,"absorbance":[1,1,1],"dilutions":[0,10]}]}`

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		file, body, want string
	}{
		{"skin.json", `{`, "skin.json: not valid palette JSON"},
		{"skin.json", strings.Replace(goodSkin, `"smp-palette"`, `"other"`, 1), "skin.json: format"},
		{"skin.json", strings.Replace(goodSkin, `"kind":"skin"`, `"kind":"hair"`, 1), "skin.json: kind"},
		{"skin.json", strings.Replace(goodSkin, `"version":1`, `"version":9`, 1), "skin.json: version"},
		{"skin.json", strings.Replace(goodSkin, `#f6ede4`, `#f6ede`, 1), "skin.json: colours[0] (monk:1).hex"},
		{"skin.json", strings.Replace(goodSkin, `"name":"MST-01"`, `"name":""`, 1), "colours[0] (monk:1).name"},
		{"skin.json", strings.Replace(goodSkin, `"hex"`, `"hexx"`, 1), "unknown field"},
		{"skin.json", strings.Replace(goodSkin, `"monk:1"`, `"Monk 1"`, 1), "colours[0].id"},
		{"hair.json", strings.Replace(goodHair, `[18,0.5,1]`, `[18,0.5]`, 1), "hair.json: colours[0] (black).lab"},
		{"hair.json", strings.Replace(goodHair, `[18,0.5,1]`, `[180,0.5,1]`, 1), "outside L*"},
		{"hair.json", strings.Replace(goodHair, `,"lab":[18,0.5,1]`, ``, 1), "has no colour"},
		{"pigments.json", strings.Replace(goodPig, `"strength":1`, `"strength":0`, 1), "pigments.json: pigments[0] (cb).strength"},
		{"pigments.json", strings.Replace(goodPig, `,"strength":1`, ``, 1), "(cb).strength"},
		{"pigments.json", strings.Replace(goodPig, `[0,10]`, `[10,0]`, 1), "(cb).dilutions[1]: the ladder must strictly increase"},
		{"pigments.json", strings.Replace(goodPig, `[0,10]`, `[-1]`, 1), "(cb).dilutions[0]"},
		{"pigments.json", strings.Replace(goodPig, `[1,1,1]`, `[1,1]`, 1), "(cb).absorbance"},
		{"pigments.json", strings.Replace(goodPig, `[1,1,1]`, `[1,0,1]`, 1), "(cb).absorbance[1]"},
		{"pigments.json", strings.Replace(goodPig, `[0,10]`, `[]`, 1), "(cb).dilutions: is empty"},
	} {
		fsys := fstest.MapFS{
			"p/skin.json":     {Data: []byte(goodSkin)},
			"p/hair.json":     {Data: []byte(goodHair)},
			"p/pigments.json": {Data: []byte(goodPig)},
		}
		fsys["p/"+tc.file] = &fstest.MapFile{Data: []byte(tc.body)}
		_, err := Load(fsys, "p")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %s: error %v, want it to contain %q", tc.file, tc.body, err, tc.want)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "p/"+tc.file) {
			t.Errorf("error %q does not start with the file name", err)
		}
	}
	if _, err := Load(fstest.MapFS{}, "p"); err == nil || !strings.Contains(err.Error(), "p/skin.json") {
		t.Errorf("missing files: %v", err)
	}
}
