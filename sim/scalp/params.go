package scalp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/smptrainer/smp/sim/fileerr"
	"io"
	"math"
	"strings"

	"github.com/lucasb-eyer/go-colorful"
	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/palette"
)

// maxFileBytes bounds a template parameter file; real ones are about 2 KB.
const maxFileBytes = 1 << 20

// fileParams is the JSON of one template parameter file; see
// assets/templates/README.md for the meaning of every field.
type fileParams struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Pattern     string `json:"pattern"`
	Skin        string `json:"skin"`
	HairColour  string `json:"hair_colour"`
	// Seed drives every irregularity (hairline undulation, patch and scar
	// shapes), so a template is the same on every machine.
	Seed uint64 `json:"seed"`

	// Field makes a flat practice field instead of a head.
	Field *fieldParams `json:"field,omitempty"`
	// Head and the rest describe a parametric head (head.go, build.go).
	Head     *headParams     `json:"head,omitempty"`
	Outline  *outlineParams  `json:"outline,omitempty"`
	Face     *faceParams     `json:"face,omitempty"`
	Hairline *hairlineParams `json:"hairline,omitempty"`
	Forelock *forelockParams `json:"forelock,omitempty"`
	Crown    *crownParams    `json:"crown,omitempty"`
	Fringe   *fringeParams   `json:"fringe,omitempty"`
	Hair     *hairParams     `json:"hair,omitempty"`
	Patches  []patchParams   `json:"patches,omitempty"`
	FUT      *futParams      `json:"fut,omitempty"`
	FUE      *fueParams      `json:"fue,omitempty"`
}

// fieldParams is a flat rectangular practice field centred on the origin.
type fieldParams struct {
	WidthMM  float64 `json:"width_mm"`
	HeightMM float64 `json:"height_mm"`
}

// Field sizes a practice field may take: from a fingertip to a practice skin
// (model assumption, silicone practice skins are about 15–20 cm across,
// domain.md §8).
const (
	minFieldMM = 5.0
	maxFieldMM = 200.0
)

// Parse builds and validates one template from its parameter file. name is
// used in errors (the path inside assets.FS, say). Every problem is a
// *FileError naming the file and the field.
func Parse(data []byte, name string) (*Template, error) {
	t, _, err := parse(data, name)
	return t, err
}

// parse is Parse that also returns the id the file claims, even when the
// file is refused, so the registry can tell "failed to load" from
// "unknown".
func parse(data []byte, name string) (t *Template, id string, err error) {
	fe := func(field, format string, a ...any) error {
		return fileerr.New(name, field, format, a...)
	}
	if len(data) > maxFileBytes {
		return nil, "", fe("", "file is %d bytes, over the %d-byte limit for a template", len(data), maxFileBytes)
	}
	var p fileParams
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, "", fe("", "malformed JSON: %s", jsonProblem(err, data))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, "", fe("", "malformed JSON: trailing data after the template object")
	}
	t, err = build(&p, fe)
	return t, p.ID, err
}

// build makes the template a decoded parameter file describes.
func build(p *fileParams, fe func(field, format string, a ...any) error) (*Template, error) {
	if err := checkCommon(p, fe); err != nil {
		return nil, err
	}
	t := &Template{
		ID: p.ID, Name: p.Name, Description: p.Description, Pattern: p.Pattern,
		Skin: strings.ToLower(p.Skin),
	}
	var err error
	if t.HairColour, t.HairID, err = resolveHair(p.HairColour); err != nil {
		return nil, fe("hair_colour", "%v", err)
	}
	switch {
	case p.Field != nil && p.Head != nil:
		return nil, fe("field", "a template is either a flat field or a head, not both (drop \"field\" or \"head\")")
	case p.Field != nil:
		if p.Outline != nil || p.Face != nil || p.Hairline != nil || p.Forelock != nil || p.Crown != nil ||
			p.Fringe != nil || p.Hair != nil || p.Patches != nil || p.FUT != nil || p.FUE != nil {
			return nil, fe("field", "a flat field takes only width_mm and height_mm; drop the head objects")
		}
		if err := buildField(t, p.Field, fe); err != nil {
			return nil, err
		}
	case p.Head != nil:
		if err := buildHead(t, p, fe); err != nil {
			return nil, err
		}
	default:
		return nil, fe("", "needs a \"field\" or a \"head\" object")
	}
	if err := t.Validate(); err != nil {
		return nil, fe("", "built template is invalid: %v", err)
	}
	return t, nil
}

// jsonProblem turns a decoder error into words with a line number.
func jsonProblem(err error, data []byte) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("line %d: %v", 1+bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n")), se)
	case errors.As(err, &te):
		return fmt.Sprintf("field %q: %s is not a %s", te.Field, te.Value, te.Type)
	case errors.Is(err, io.EOF):
		return "empty file"
	}
	return err.Error()
}

type errorf func(field, format string, a ...any) error

func checkCommon(p *fileParams, fe errorf) error {
	if p.ID == "" {
		return fe("id", "missing")
	}
	for _, r := range p.ID {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return fe("id", "%q may use only a–z, 0–9 and '-'", p.ID)
		}
	}
	if strings.TrimSpace(p.Name) == "" {
		return fe("name", "missing")
	}
	if strings.TrimSpace(p.Description) == "" {
		return fe("description", "missing")
	}
	if strings.TrimSpace(p.Pattern) == "" {
		return fe("pattern", "missing")
	}
	if err := checkHex(p.Skin); err != nil {
		return fe("skin", "%v", err)
	}
	return nil
}

// resolveHair reads a hair colour as templates give it: "hair:ID", a
// measured target from the palette's hair.json (domain.md §9), or
// #rrggbb. It returns the colour as #rrggbb and the hair id ("" for a hex).
// No hair may be darker than real black hair (palette.MinHairL).
func resolveHair(s string) (hex, id string, err error) {
	if rest, ok := strings.CutPrefix(s, "hair:"); ok {
		p, err := palette.Default()
		if err != nil {
			return "", "", err
		}
		sw, err := p.HairTarget(rest)
		if err != nil {
			return "", "", err
		}
		return sw.Colour.Hex(), rest, nil
	}
	if err := checkHex(s); err != nil {
		return "", "", fmt.Errorf("%q is neither hair:ID (a hair.json target) nor a #rrggbb colour", s)
	}
	c, _ := colorful.Hex(strings.ToLower(s))
	if l, _, _ := c.Lab(); l*100 < palette.MinHairL-palette.HexLTolerance {
		return "", "", fmt.Errorf("%s is L* %.1f, darker than real black hair (L* %g, domain.md §9); use hair:black", s, l*100, palette.MinHairL)
	}
	return strings.ToLower(s), "", nil
}

// checkHex accepts #rrggbb, the colour form templates use.
func checkHex(s string) error {
	if len(s) != 7 || s[0] != '#' {
		return fmt.Errorf("%q is not a #rrggbb colour", s)
	}
	for _, r := range s[1:] {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			return fmt.Errorf("%q is not a #rrggbb colour", s)
		}
	}
	return nil
}

// inRange checks that v is finite and in [lo, hi].
func inRange(fe errorf, field string, v, lo, hi float64, why string) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < lo || v > hi {
		return fe(field, "%g is outside %g–%g (%s)", v, lo, hi, why)
	}
	return nil
}

// buildField makes a flat practice field: one zone of kind Field covering
// the whole rectangle, with the open-skin session targets (domain.md §3).
func buildField(t *Template, f *fieldParams, fe errorf) error {
	if err := inRange(fe, "field.width_mm", f.WidthMM, minFieldMM, maxFieldMM, "model: fingertip to practice skin"); err != nil {
		return err
	}
	if err := inRange(fe, "field.height_mm", f.HeightMM, minFieldMM, maxFieldMM, "model: fingertip to practice skin"); err != nil {
		return err
	}
	w, h := f.WidthMM/2, f.HeightMM/2
	// Counter-clockwise in the Y-down chart frame, like the head outlines.
	sq := geom.Polygon{{X: -w, Y: -h}, {X: w, Y: -h}, {X: w, Y: h}, {X: -w, Y: h}}
	// A flat field is a practice skin, not a head: chart millimetres are
	// skin millimetres. The radius is kept only so Project still means
	// something near the origin.
	t.Head = Head{Projection: Flat, RadiusMM: defaultRadiusMM, Aspect: 1}
	t.Outline = sq
	t.Zones = []Zone{{
		ID: "field", Name: "Practice field", Kind: Field,
		Polygon: append(geom.Polygon(nil), sq...), Targets: SessionBands(),
	}}
	return nil
}

// defaultRadiusMM is the authalic radius of a 57 cm head: 57/(2π) ≈ 9.1 cm
// (model assumption; head.go).
const defaultRadiusMM = 91.0
