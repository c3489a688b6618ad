package scalp

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestEmbeddedTemplatesLoad(t *testing.T) {
	if err := LoadError(); err != nil {
		t.Fatalf("embedded templates: %v", err)
	}
	all := All()
	if len(all) == 0 {
		t.Fatal("no templates")
	}
	if !slices.IsSortedFunc(all, func(a, b *Template) int { return strings.Compare(a.ID, b.ID) }) {
		t.Errorf("All() not sorted by id: %v", IDs())
	}
	for _, tp := range all {
		got, err := Lookup(tp.ID)
		if err != nil || got != tp {
			t.Errorf("Lookup(%q) = %v, %v", tp.ID, got, err)
		}
	}
}

func TestSquare20(t *testing.T) {
	sq, err := Lookup("square20")
	if err != nil {
		t.Fatal(err)
	}
	if a := sq.AreaCM2(); a < 3.999 || a > 4.001 {
		t.Errorf("area %g cm², want 4", a)
	}
	if len(sq.Zones) != 1 || sq.Zones[0].Kind != Field {
		t.Fatalf("zones %+v, want one field zone", sq.Zones)
	}
	if sq.Zones[0].Targets != SessionBands() {
		t.Errorf("targets %v, want the §3 bands %v", sq.Zones[0].Targets, SessionBands())
	}
	if sq.Landmarks != nil || len(sq.DesignHairline) != 0 || len(sq.Hair) != 0 {
		t.Error("a practice field has no landmarks, hairline or hair")
	}
	b := sq.Bounds()
	if b.Min.X != -10 || b.Max.Y != 10 {
		t.Errorf("bounds %v, want ±10 mm", b)
	}
}

func TestLookupUnknown(t *testing.T) {
	_, err := Lookup("norwood99")
	if err == nil {
		t.Fatal("Lookup(norwood99) succeeded")
	}
	if !errors.Is(err, ErrUnknownTemplate) {
		t.Errorf("error %v does not wrap ErrUnknownTemplate", err)
	}
	for _, want := range []string{`"norwood99"`, "square20"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func TestMalformedFilesNamed(t *testing.T) {
	good := `{"id":"sq","name":"n","description":"d","pattern":"p","skin":"#d7bd96","hair_colour":"#3b2a20","field":{"width_mm":20,"height_mm":20}}`
	cases := map[string]struct{ body, want string }{
		"syntax.json":   {`{"id": "x",`, "malformed JSON"},
		"unknown.json":  {strings.Replace(good, `"seed"`, `"sede"`, 1)[:len(good)-1] + `,"colour":"#000000"}`, `unknown field "colour"`},
		"skin.json":     {strings.Replace(good, "#d7bd96", "beige", 1), "skin"},
		"size.json":     {strings.Replace(good, `"width_mm":20`, `"width_mm":-3`, 1), "field.width_mm"},
		"nan.json":      {strings.Replace(good, `"width_mm":20`, `"width_mm":"20"`, 1), "width_mm"},
		"nomodel.json":  {strings.Replace(good, `,"field":{"width_mm":20,"height_mm":20}`, ``, 1), `"field" or a "head"`},
		"badid.json":    {strings.Replace(good, `"id":"sq"`, `"id":"Sq 1"`, 1), "id"},
		"trailing.json": {good + `{}`, "trailing"},
		"empty.json":    {``, "empty"},
	}
	for file, c := range cases {
		t.Run(file, func(t *testing.T) {
			_, err := Parse([]byte(c.body), "templates/"+file)
			if err == nil {
				t.Fatalf("parsed %s", c.body)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "templates/"+file+": ") || !strings.Contains(msg, c.want) {
				t.Errorf("error %q should start with the file name and mention %q", msg, c.want)
			}
		})
	}
	fsys := fstest.MapFS{
		"t/good.json": {Data: []byte(good)},
		"t/bad.json":  {Data: []byte(`{`)},
		"t/README.md": {Data: []byte("# not json")},
		"t/dup.json":  {Data: []byte(good)},
	}
	ts, err := LoadFS(fsys, "t")
	if len(ts) != 1 || ts[0].ID != "sq" {
		t.Errorf("loaded %d templates, want the one good one", len(ts))
	}
	if err == nil || !strings.Contains(err.Error(), "t/bad.json") || !strings.Contains(err.Error(), "already used") {
		t.Errorf("LoadFS error %v should name t/bad.json and the duplicate id", err)
	}
}
