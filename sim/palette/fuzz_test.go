package palette

import (
	"io/fs"
	"math"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/smptrainer/smp/assets"
)

// FuzzLoad replaces one of the three palette files with fuzzed bytes (the
// other two stay as shipped): Load must never panic, a refusal must name a
// palette file, and an accepted palette must hold usable colours and
// dilution ladders.
func FuzzLoad(f *testing.F) {
	const dir = "palettes"
	files := []string{SkinFile, HairFile, PigmentsFile}
	shipped := fstest.MapFS{}
	for i, n := range files {
		data, err := fs.ReadFile(assets.FS, path.Join(dir, n))
		if err != nil {
			f.Fatal(err)
		}
		shipped[path.Join(dir, n)] = &fstest.MapFile{Data: data}
		f.Add(uint8(i), data)
	}
	f.Add(uint8(2), []byte(`{"format":"smp-palette","version":1,"kind":"pigment","pigments":[{"id":"x","name":"x","strength":1e999}]}`))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fsys := fstest.MapFS{}
		for k, v := range shipped {
			fsys[k] = v
		}
		target := path.Join(dir, files[int(which)%len(files)])
		fsys[target] = &fstest.MapFile{Data: data}
		p, err := Load(fsys, dir)
		if err != nil {
			if !strings.HasPrefix(err.Error(), dir+"/") {
				t.Fatalf("error does not name the palette file: %v", err)
			}
			return
		}
		if len(p.Skins) == 0 || len(p.Hair) == 0 || len(p.Pigments) == 0 {
			t.Fatalf("accepted an empty palette")
		}
		for _, pg := range p.Pigments {
			if !(pg.Strength > 0 && pg.Strength <= 1) || len(pg.Dilutions) == 0 {
				t.Fatalf("accepted pigment %+v", pg)
			}
			for _, d := range pg.Dilutions {
				if d < 0 || math.IsNaN(d) || math.IsInf(d, 0) {
					t.Fatalf("accepted dilution %v in %s", d, pg.ID)
				}
			}
		}
		for _, s := range append(p.Skins, p.Hair...) {
			if !s.Colour.IsValid() {
				t.Fatalf("accepted colour %v for %s", s.Colour, s.ID)
			}
		}
	})
}
