// Package palette loads the colour palettes the trainer ships with: skin
// tones, shaved-hair targets and SMP pigments with their dilution ladders.
// The data lives in assets/palettes/*.json; the README there cites where
// every number comes from.
package palette

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/smptrainer/smp/sim/fileerr"
	"io/fs"
	"math"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/assets"
)

// Format is the value of every palette file's "format" field, and Version
// the newest version this package reads.
const (
	Format  = "smp-palette"
	Version = 1
)

// The files a palette directory holds.
const (
	SkinFile     = "skin.json"
	HairFile     = "hair.json"
	PigmentsFile = "pigments.json"
)

// Error is a problem with one palette file, printed as "FILE: FIELD:
// PROBLEM"; Field locates it, such as "pigments[2] (smp-dark).strength".
type Error = fileerr.Error

// ErrUnknown is wrapped by lookups of an id no palette holds.
var ErrUnknown = errors.New("unknown palette id")

// Swatch is a named colour: a skin tone or a hair target.
type Swatch struct {
	// ID is unique within its palette, such as "monk:3" or "dark-brown".
	ID string
	// Name is for people, such as "MST-03".
	Name string
	// Scale is the skin scale ("monk", "fitzpatrick"), "" for hair.
	Scale  string
	Colour colorful.Color
}

// Pigment is one pigment an artist can load, with the dilutions they mix.
type Pigment struct {
	ID   string
	Name string
	// Strength is the carbon content relative to pure carbon black (1):
	// a ready-mixed grey is carbon already let down with carrier.
	Strength float64
	// Absorbance weighs the pigment's optical density per linear-light
	// channel (R, G, B); neutral carbon is (1, 1, 1), a warm grey absorbs
	// a little more blue.
	Absorbance [3]float64
	// Dilutions is the ladder, in parts of water per part of pigment,
	// strictly increasing; 0 is undiluted.
	Dilutions []float64
}

// Palette is every palette the trainer knows.
type Palette struct {
	Skins    []Swatch
	Hair     []Swatch
	Pigments []Pigment
}

// DilutionLabel formats a dilution as artists write it: "neat" for 0,
// "1:20" for 20 parts water per part pigment.
func DilutionLabel(d float64) string {
	if d == 0 {
		return "neat"
	}
	return "1:" + strconv.FormatFloat(d, 'f', -1, 64)
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+([-:][a-z0-9]+)*$`)

type fileHead struct {
	Format  string `json:"format"`
	Kind    string `json:"kind"`
	Version int    `json:"version"`
}

type swatchJSON struct {
	ID    string     `json:"id"`
	Name  string     `json:"name"`
	Scale string     `json:"scale"`
	Hex   string     `json:"hex"`
	Lab   *[]float64 `json:"lab"`
}

type swatchFile struct {
	fileHead
	Colours []swatchJSON `json:"colours"`
}

type pigmentJSON struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	Strength   *float64  `json:"strength"`
	Absorbance []float64 `json:"absorbance"`
	Dilutions  []float64 `json:"dilutions"`
}

type pigmentFile struct {
	fileHead
	Pigments []pigmentJSON `json:"pigments"`
}

// Limits on the pigment data: a strength above 1 would be stronger than
// pure carbon; absorbance weights outside (0, 2] are not a grey; dilutions
// past 1:100 are water. Model bounds for catching typos, not physics.
const (
	maxAbsorbance = 2.0
	maxDilution   = 100.0
)

// MinHairL is the L* of the darkest real hair: a black hair tress measures
// L* 18.0–18.4 (domain.md §9). No hair target may be darker.
const MinHairL = 18.0

// HexLTolerance is how far below MinHairL a #rrggbb rounding of a target
// may fall (8-bit rounding moves L* by up to about 0.3).
const HexLTolerance = 0.5

// labABMax bounds a* and b* in a "lab" colour: the customary CIELAB range
// (the same bound as colour.LabABMax; palette cannot import colour).
const labABMax = 128.0

// Load reads the three palette files from dir in fsys and validates them.
func Load(fsys fs.FS, dir string) (*Palette, error) {
	var p Palette
	var err error
	if p.Skins, err = loadSwatches(fsys, path.Join(dir, SkinFile), "skin"); err != nil {
		return nil, err
	}
	if p.Hair, err = loadSwatches(fsys, path.Join(dir, HairFile), "hair"); err != nil {
		return nil, err
	}
	if p.Pigments, err = loadPigments(fsys, path.Join(dir, PigmentsFile)); err != nil {
		return nil, err
	}
	return &p, nil
}

// decode reads name strictly (unknown fields are errors: a misspelt field
// would otherwise be silently ignored) and checks the header.
func decode(fsys fs.FS, name, kind string, v any, head *fileHead) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return &Error{File: name, Problem: err.Error()}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return &Error{File: name, Problem: "not valid palette JSON: " + err.Error()}
	}
	switch {
	case head.Format != Format:
		return fileerr.New(name, "format", "is %q, want %q", head.Format, Format)
	case head.Kind != kind:
		return fileerr.New(name, "kind", "is %q, want %q", head.Kind, kind)
	case head.Version < 1 || head.Version > Version:
		return fileerr.New(name, "version", "is %d, this program reads 1..%d", head.Version, Version)
	}
	return nil
}

func loadSwatches(fsys fs.FS, name, kind string) ([]Swatch, error) {
	var f swatchFile
	if err := decode(fsys, name, kind, &f, &f.fileHead); err != nil {
		return nil, err
	}
	if len(f.Colours) == 0 {
		return nil, &Error{File: name, Field: "colours", Problem: "is empty"}
	}
	seen := map[string]bool{}
	out := make([]Swatch, 0, len(f.Colours))
	for i, s := range f.Colours {
		field, err := checkEntry(name, "colours", i, s.ID, s.Name, seen)
		if err != nil {
			return nil, err
		}
		var c colorful.Color
		switch {
		case s.Hex != "" && s.Lab != nil:
			return nil, &Error{File: name, Field: field, Problem: "gives both hex and lab; give one"}
		case s.Hex != "":
			var err error
			if c, err = parseHex(s.Hex); err != nil {
				return nil, &Error{File: name, Field: field + ".hex", Problem: err.Error()}
			}
		case s.Lab != nil:
			lab := *s.Lab
			if len(lab) != 3 {
				return nil, fileerr.New(name, field+".lab", "has %d numbers, want 3 (L*, a*, b*)", len(lab))
			}
			if lab[0] < 0 || lab[0] > 100 || math.Abs(lab[1]) > labABMax || math.Abs(lab[2]) > labABMax {
				return nil, fileerr.New(name, field+".lab", "%v is outside L* 0..100, a* b* −128..128", lab)
			}
			c = colorful.Lab(lab[0]/100, lab[1]/100, lab[2]/100)
			if !c.IsValid() {
				return nil, fileerr.New(name, field+".lab", "%v is outside the sRGB gamut", lab)
			}
		default:
			return nil, &Error{File: name, Field: field, Problem: "has no colour; give hex or lab"}
		}
		if kind == "hair" {
			if l, _, _ := c.Lab(); l*100 < MinHairL-1e-9 {
				return nil, fileerr.New(name, field, "L* %.1f is darker than real black hair (L* %g, domain.md §9)", l*100, MinHairL)
			}
		}
		out = append(out, Swatch{ID: s.ID, Name: s.Name, Scale: s.Scale, Colour: c})
	}
	return out, nil
}

// parseHex accepts exactly #rrggbb.
func parseHex(s string) (colorful.Color, error) {
	if len(s) != 7 || s[0] != '#' {
		return colorful.Color{}, fmt.Errorf("%q is not #rrggbb", s)
	}
	c, err := colorful.Hex(strings.ToLower(s))
	if err != nil {
		return colorful.Color{}, fmt.Errorf("%q is not #rrggbb", s)
	}
	return c, nil
}

// checkEntry checks what every palette entry shares: a lower-case id not
// used before in the file, and a name. It returns the field path later
// errors about the entry use, such as "pigments[2] (smp-dark)".
func checkEntry(file, list string, i int, id, entryName string, seen map[string]bool) (string, error) {
	field := fmt.Sprintf("%s[%d]", list, i)
	if !idPattern.MatchString(id) {
		return "", fileerr.New(file, field+".id", "%q is not a lower-case id", id)
	}
	field = fmt.Sprintf("%s[%d] (%s)", list, i, id)
	if seen[id] {
		return "", &Error{File: file, Field: field + ".id", Problem: "is a duplicate"}
	}
	seen[id] = true
	if strings.TrimSpace(entryName) == "" {
		return "", &Error{File: file, Field: field + ".name", Problem: "is missing"}
	}
	return field, nil
}

func loadPigments(fsys fs.FS, name string) ([]Pigment, error) {
	var f pigmentFile
	if err := decode(fsys, name, "pigments", &f, &f.fileHead); err != nil {
		return nil, err
	}
	if len(f.Pigments) == 0 {
		return nil, &Error{File: name, Field: "pigments", Problem: "is empty"}
	}
	seen := map[string]bool{}
	out := make([]Pigment, 0, len(f.Pigments))
	for i, p := range f.Pigments {
		field, err := checkEntry(name, "pigments", i, p.ID, p.Name, seen)
		if err != nil {
			return nil, err
		}
		if p.Strength == nil || !(*p.Strength > 0 && *p.Strength <= 1) {
			return nil, &Error{File: name, Field: field + ".strength", Problem: "must be given, in (0, 1] (1 = pure carbon black)"}
		}
		if len(p.Absorbance) != 3 {
			return nil, fileerr.New(name, field+".absorbance", "has %d numbers, want 3 (R, G, B)", len(p.Absorbance))
		}
		var abs [3]float64
		for j, w := range p.Absorbance {
			if !(w > 0 && w <= maxAbsorbance) {
				return nil, fileerr.New(name, fmt.Sprintf("%s.absorbance[%d]", field, j), "%v is outside (0, %g]", w, maxAbsorbance)
			}
			abs[j] = w
		}
		if len(p.Dilutions) == 0 {
			return nil, &Error{File: name, Field: field + ".dilutions", Problem: "is empty"}
		}
		for j, d := range p.Dilutions {
			if !(d >= 0 && d <= maxDilution) {
				return nil, fileerr.New(name, fmt.Sprintf("%s.dilutions[%d]", field, j), "%v is outside 0..%g parts water", d, maxDilution)
			}
			if j > 0 && d <= p.Dilutions[j-1] {
				return nil, &Error{File: name, Field: fmt.Sprintf("%s.dilutions[%d]", field, j), Problem: "the ladder must strictly increase"}
			}
		}
		out = append(out, Pigment{ID: p.ID, Name: p.Name, Strength: *p.Strength, Absorbance: abs,
			Dilutions: append([]float64(nil), p.Dilutions...)})
	}
	return out, nil
}

// Dir is the palette directory inside assets.FS.
const Dir = "palettes"

// Default returns the palettes embedded in the program, loaded once.
var Default = sync.OnceValues(func() (*Palette, error) { return Load(assets.FS, Dir) })

func lookupSwatch(list []Swatch, kind, id string) (Swatch, error) {
	for _, s := range list {
		if s.ID == id {
			return s, nil
		}
	}
	return Swatch{}, fmt.Errorf("%w: no %s colour %q (have %s)", ErrUnknown, kind, id, swatchIDs(list))
}

func swatchIDs(list []Swatch) string {
	ids := make([]string, len(list))
	for i, s := range list {
		ids[i] = s.ID
	}
	return strings.Join(ids, ", ")
}

// Skin returns the skin tone with the given id, such as "monk:3" or
// "fitzpatrick:4".
func (p *Palette) Skin(id string) (Swatch, error) { return lookupSwatch(p.Skins, "skin", id) }

// HairTarget returns the hair target with the given id, such as
// "dark-brown".
func (p *Palette) HairTarget(id string) (Swatch, error) { return lookupSwatch(p.Hair, "hair", id) }

// Pigment returns the pigment with the given id.
func (p *Palette) Pigment(id string) (Pigment, error) {
	for _, pg := range p.Pigments {
		if pg.ID == id {
			return pg, nil
		}
	}
	ids := make([]string, len(p.Pigments))
	for i, pg := range p.Pigments {
		ids[i] = pg.ID
	}
	sort.Strings(ids)
	return Pigment{}, fmt.Errorf("%w: no pigment %q (have %s)", ErrUnknown, id, strings.Join(ids, ", "))
}
