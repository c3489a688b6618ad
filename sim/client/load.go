package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/smptrainer/smp/assets"
	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/fileerr"
	"github.com/smptrainer/smp/sim/palette"
	"github.com/smptrainer/smp/sim/scalp"
)

// Dir is the folder of assets.FS that holds the client files.
const Dir = "clients"

// ErrUnknownClient is wrapped by the error Lookup returns for an id that
// names no client.
var ErrUnknownClient = errors.New("unknown client")

// maxFileBytes bounds a client file; real ones are about 1 KB.
const maxFileBytes = 1 << 20

// span is a plausible range for a number, with where it comes from.
type span struct {
	lo, hi float64
	why    string
}

// ranges are the plausible values of a client file's numbers; a value
// outside is refused with the field named.
var ranges = map[string]span{
	"age":                       {12, 100, "years; screening, not this file, refuses minors (domain-clients.md §1)"},
	"fitzpatrick":               {1, 6, "Fitzpatrick types I–VI (domain.md §7)"},
	"face.canthus_mm":           {35, 60, "model: outer eye corner's distance from the midline, as the templates' face.canthus_mm"},
	"face.mid_pupil_mm":         {25, 40, "model: half the interpupillary distance"},
	"face.eye_mm":               {8, 30, "model: eyes below the brow line"},
	"face.nose_mm":              {45, 85, "model: the face's middle third, glabella to the base of the nose"},
	"face.chin_mm":              {45, 90, "model: the lower third, base of the nose to the chin"},
	"face.creases":              {0, 6, "forehead creases drawn on the face"},
	"natural_hairline.mfp_mm":   {45, 110, "height of the client's own mid-frontal point above the brows"},
	"natural_hairline.ftp_mm":   {45, 130, "height of the client's own frontotemporal corners above the brows"},
	"reference.mfp_mm":          {55, 100, "domain-clients.md §4: 7–10 cm for men, about 6.2–6.4 cm for women"},
	"reference.ftp_rise_mm":     {0, 35, "domain-clients.md §4: the corners sit level with or above the mid-frontal point, over an inch higher on a mature line"},
	"reference.tp_mm":           {10, 90, "temporal peaks' height above the brows"},
	"reference.tp_out_mm":       {0, 25, "temporal peaks outside the canthus line"},
	"reference.irregularity_mm": {0, 3, "domain.md §5 macro-irregularity (model amplitude)"},
}

func checkRange(fe errorf, field string, v float64) error {
	r := ranges[field]
	if math.IsNaN(v) || math.IsInf(v, 0) || v < r.lo || v > r.hi {
		return fe(field, "%g is outside %g–%g (%s)", v, r.lo, r.hi, r.why)
	}
	return nil
}

type errorf func(field, format string, a ...any) error

// Parse reads and checks one client file; name is used in errors. The
// template must be one of scalp's and the skin and hair ids the palette's.
func Parse(data []byte, name string) (*Client, error) {
	fe := func(field, format string, a ...any) error { return fileerr.New(name, field, format, a...) }
	if len(data) > maxFileBytes {
		return nil, fe("", "file is %d bytes, over the %d-byte limit for a client", len(data), maxFileBytes)
	}
	var c Client
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, fe("", "malformed JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fe("", "malformed JSON: trailing data after the client object")
	}
	if err := c.check(fe); err != nil {
		return nil, err
	}
	return &c, nil
}

func (c *Client) check(fe errorf) error {
	if c.ID == "" || strings.ContainsFunc(c.ID, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') }) ||
		len(c.ID) > design.MaxIDBytes {
		return fe("id", "%q is not an id (a–z, 0–9 and '-')", c.ID)
	}
	for _, f := range []struct{ field, v string }{{"name", c.Name}, {"wish", c.Wish}} {
		if strings.TrimSpace(f.v) == "" {
			return fe(f.field, "missing")
		}
		if strings.ContainsFunc(f.v, fileerr.IsControl) {
			return fe(f.field, "holds a control character")
		}
	}
	if err := checkRange(fe, "age", float64(c.Age)); err != nil {
		return err
	}
	if c.Sex != Male && c.Sex != Female {
		return fe("sex", "%q is not %q or %q (the mapping norms are published for these)", c.Sex, Male, Female)
	}
	if err := checkRange(fe, "fitzpatrick", float64(c.Fitzpatrick)); err != nil {
		return err
	}
	pal, err := palettes()
	if err != nil {
		return fe("skin", "cannot check against the palettes: %v", err)
	}
	if _, err := pal.Skin(c.Skin); err != nil || !strings.HasPrefix(c.Skin, "monk:") {
		return fe("skin", "%q is not a Monk skin id (monk:1 … monk:10)", c.Skin)
	}
	if _, err := pal.HairTarget(c.Hair); err != nil {
		return fe("hair", "%v", err)
	}
	t, err := scalp.Lookup(c.Template)
	if err != nil {
		return fe("template", "%v", err)
	}
	if t.Landmarks == nil {
		return fe("template", "%q is a practice field, not a head", c.Template)
	}
	c.template = t
	if len(c.Styles) == 0 {
		return fe("styles", "missing: list the styles that suit the client (juvenile, mature, conservative)")
	}
	for i, s := range c.Styles {
		if !s.Valid() || slices.Index(c.Styles, s) != i {
			return fe(fmt.Sprintf("styles[%d]", i), "%q is not a style, or is listed twice (juvenile, mature, conservative)", s)
		}
	}
	f := c.Face
	for _, n := range []struct {
		field string
		v     float64
	}{{"face.canthus_mm", f.CanthusMM}, {"face.mid_pupil_mm", f.MidPupilMM}, {"face.eye_mm", f.EyeMM},
		{"face.nose_mm", f.NoseMM}, {"face.chin_mm", f.ChinMM}, {"face.creases", float64(f.Creases)}} {
		if err := checkRange(fe, n.field, n.v); err != nil {
			return err
		}
	}
	if f.MidPupilMM > f.CanthusMM-8 {
		return fe("face.mid_pupil_mm", "%g mm must be at least 8 mm inside the canthus line (%g mm)", f.MidPupilMM, f.CanthusMM)
	}
	if n := c.Natural; n != nil {
		if err := checkRange(fe, "natural_hairline.mfp_mm", n.MFPMM); err != nil {
			return err
		}
		for _, v := range []struct {
			field string
			v     float64
		}{{"natural_hairline.ftp_left_mm", n.FTPLeftMM}, {"natural_hairline.ftp_right_mm", n.FTPRightMM}} {
			if err := checkRange(func(_, format string, a ...any) error { return fe(v.field, format, a...) }, "natural_hairline.ftp_mm", v.v); err != nil {
				return err
			}
		}
	}
	r := c.Reference
	if !r.Style.Valid() || !slices.Contains(c.Styles, r.Style) {
		return fe("reference.style", "%q must be one of the client's styles %v", r.Style, c.Styles)
	}
	for _, n := range []struct {
		field string
		v     float64
	}{{"reference.mfp_mm", r.MFPMM}, {"reference.ftp_rise_mm", r.FTPRiseMM}, {"reference.tp_mm", r.TPMM},
		{"reference.tp_out_mm", r.TPOutMM}, {"reference.irregularity_mm", r.IrregularityMM}} {
		if err := checkRange(fe, n.field, n.v); err != nil {
			return err
		}
	}
	if r.TPMM > r.MFPMM+r.FTPRiseMM-10 {
		return fe("reference.tp_mm", "%g mm: the temporal peaks sit below the frontotemporal corners (%g mm), at least 1 cm", r.TPMM, r.MFPMM+r.FTPRiseMM)
	}
	d := c.Design()
	if field, p := d.Check(t); field != "" {
		return fe("reference", "the design it builds is invalid on %s: %s: %s", t.ID, field, p)
	}
	return nil
}

var pal struct {
	once sync.Once
	p    *palette.Palette
	err  error
}

func palettes() (*palette.Palette, error) {
	pal.once.Do(func() { pal.p, pal.err = palette.Load(assets.FS, "palettes") })
	return pal.p, pal.err
}

// registry is the embedded client set, loaded once on first use.
var registry struct {
	once sync.Once
	byID map[string]*Client
	all  []*Client
	err  error
}

func loadRegistry() {
	registry.byID = map[string]*Client{}
	registry.all, registry.err = LoadFS(assets.FS, Dir)
	for _, c := range registry.all {
		registry.byID[c.ID] = c
	}
}

// Lookup returns the embedded client with the given id; the client is
// shared and read-only. An unknown id gives an error wrapping
// ErrUnknownClient that lists the known ones.
func Lookup(id string) (*Client, error) {
	registry.once.Do(loadRegistry)
	if c, ok := registry.byID[id]; ok {
		return c, nil
	}
	ids := make([]string, len(registry.all))
	for i, c := range registry.all {
		ids[i] = c.ID
	}
	return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownClient, id, strings.Join(ids, ", "))
}

// All returns every embedded client that loaded, sorted by id.
func All() []*Client {
	registry.once.Do(loadRegistry)
	return append([]*Client(nil), registry.all...)
}

// LoadError reports every embedded client file that failed, joined; nil
// when all loaded. Tests require it to be nil.
func LoadError() error {
	registry.once.Do(loadRegistry)
	return registry.err
}

// LoadFS parses every *.json client file in dir of fsys, sorted by id. It
// returns the clients that loaded and, joined, the errors of those that
// did not, each naming its file. Two files with one id are an error.
func LoadFS(fsys fs.FS, dir string) ([]*Client, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("clients: %w", err)
	}
	var (
		cs   []*Client
		errs error
		seen = map[string]string{}
	)
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		name := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = errors.Join(errs, fileerr.New(name, "", "%v", err))
			continue
		}
		c, err := Parse(data, name)
		if err != nil {
			errs = errors.Join(errs, err)
			continue
		}
		if prev, dup := seen[c.ID]; dup {
			errs = errors.Join(errs, fileerr.New(name, "id", "%q is already used by %s", c.ID, prev))
			continue
		}
		seen[c.ID] = name
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].ID < cs[j].ID })
	return cs, errs
}
