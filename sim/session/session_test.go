package session

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
	"github.com/smptrainer/smp/sim/scalp"
)

// practice is the template the tests write files for; positions are taken
// from its geometry, never hard-coded, so the tests hold whatever shape the
// registry gives it.
const practice = "square20"

func practiceTemplate(t testing.TB) *scalp.Template {
	t.Helper()
	tp, err := lookupTemplate(practice)
	if err != nil {
		t.Fatal(err)
	}
	return tp
}

// inside returns a point well inside the template.
func inside(t testing.TB) geom.Point {
	return practiceTemplate(t).Outline.Centroid()
}

// far returns a point three tolerances to the right of the template.
func far(t testing.TB) geom.Point {
	b := practiceTemplate(t).Bounds()
	return geom.Point{X: b.Max.X + 3*OutsideToleranceMM, Y: (b.Min.Y + b.Max.Y) / 2}
}

// file builds a session file with the given impression objects (JSON
// text) and extra top-level fields.
func file(t testing.TB, extra string, ims ...string) string {
	if extra != "" {
		extra += ","
	}
	return fmt.Sprintf(`{"format":"smp-session","version":1,"template":%q,%s"impressions":[%s]}`,
		practice, extra, strings.Join(ims, ","))
}

func at(t testing.TB, extra string) string {
	p := inside(t)
	if extra != "" {
		extra = "," + extra
	}
	return fmt.Sprintf(`{"x_mm":%g,"y_mm":%g%s}`, p.X, p.Y, extra)
}

func TestMinimalForm(t *testing.T) {
	p := inside(t)
	src := fmt.Sprintf(`{"format":"smp-session","version":1,"template":%q,"impressions":[{"x_mm":%g,"y_mm":%g,"diameter_mm":0.25}]}`, practice, p.X, p.Y)
	s, err := Decode(strings.NewReader(src), "min.json")
	if err != nil {
		t.Fatal(err)
	}
	want := &Session{
		Template: practice,
		Number:   1,
		Impressions: []impression.Impression{{
			Pos: p, DiameterMM: 0.25, Needle: impression.DefaultNeedle, Depth: impression.Target,
			Pigment: impression.DefaultPigment, Dilution: impression.DefaultDilution, Session: 1, TimeS: 0,
		}},
	}
	if !reflect.DeepEqual(s, want) {
		t.Fatalf("got  %+v\nwant %+v", s, want)
	}
}

func TestDefaults(t *testing.T) {
	// Without diameter_mm the dot is as wide as its needle; without
	// session an impression belongs to the file's session.
	src := file(t, `"session":2`, at(t, `"needle":"3RL","gauge_mm":0.2`), at(t, `"session":1`))
	s, err := Decode(strings.NewReader(src), "d.json")
	if err != nil {
		t.Fatal(err)
	}
	n3 := impression.Needle{Grouping: impression.RL3, GaugeMM: 0.2}
	if got := s.Impressions[0].DiameterMM; got != n3.DotDiameterMM() {
		t.Errorf("default diameter %g, want the 3RL 0.20 dot %g", got, n3.DotDiameterMM())
	}
	if s.Number != 2 || s.Impressions[0].Session != 2 || s.Impressions[1].Session != 1 {
		t.Errorf("sessions: file %d, impressions %d %d; want 2, 2, 1", s.Number, s.Impressions[0].Session, s.Impressions[1].Session)
	}
	// Nulls and empty text mean "default" too.
	src = file(t, `"session":null`, at(t, `"needle":"","depth":null,"pigment":"","dilution":null,"t_s":null`))
	s, err = Decode(strings.NewReader(src), "n.json")
	if err != nil {
		t.Fatal(err)
	}
	im := s.Impressions[0]
	if im.Needle != impression.DefaultNeedle || im.Depth != impression.Target || im.Pigment != impression.DefaultPigment ||
		im.Dilution != impression.DefaultDilution || im.Session != 1 || im.TimeS != 0 {
		t.Errorf("nulls did not give defaults: %+v", im)
	}
}

func TestUnknownFieldsIgnored(t *testing.T) {
	src := file(t, `"future":{"a":[1,2,{"b":null}],"c":"d"},"also":7`, at(t, `"pressure":0.5,"tags":["x"]`))
	if _, err := Decode(strings.NewReader(src), "f.json"); err != nil {
		t.Fatal(err)
	}
}

func TestByteOrderMark(t *testing.T) {
	src := "\xEF\xBB\xBF" + file(t, "", at(t, ""))
	if _, err := Decode(strings.NewReader(src), "bom.json"); err != nil {
		t.Fatal(err)
	}
}

func TestBadFiles(t *testing.T) {
	p, q := inside(t), far(t)
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	cases := []struct {
		name, src string
		field     string // must appear in the error; "" for whole-file problems
		problem   string // a fragment of the problem text
	}{
		{"wrong format", `{"format":"smp-sessions","version":1,"template":"square20"}`, "format", "not a session file format"},
		{"missing format", `{"version":1,"template":"square20"}`, "format", "missing"},
		{"unknown version", strings.Replace(file(t, ""), `"version":1`, `"version":2`, 1), "version", "reads 1"},
		{"version as text", strings.Replace(file(t, ""), `"version":1`, `"version":"1"`, 1), "version", "want a number"},
		{"missing version", strings.Replace(file(t, ""), `"version":1,`, "", 1), "version", "missing"},
		{"unknown template", strings.Replace(file(t, ""), practice, "norwood99", 1), "template", `unknown template "norwood99"`},
		{"missing template", fmt.Sprintf(`{"format":"smp-session","version":1,"impressions":[]}`), "template", "missing"},
		{"NaN literal", file(t, "", at(t, ""), `{"x_mm":NaN,"y_mm":0}`), "impressions[1].x_mm", "NaN is not a finite number"},
		{"Infinity literal", file(t, "", `{"x_mm":1,"y_mm":-Infinity}`), "impressions[0]", "Infinity"},
		{"overflow", file(t, "", fmt.Sprintf(`{"x_mm":1e999,"y_mm":%g}`, p.Y)), "impressions[0].x_mm", "1e999 is not a finite number"},
		{"negative overflow", file(t, "", fmt.Sprintf(`{"x_mm":%g,"y_mm":-2e400}`, p.X)), "impressions[0].y_mm", "not a finite number"},
		{"far outside", file(t, "", at(t, ""), fmt.Sprintf(`{"x_mm":%g,"y_mm":%g}`, q.X, q.Y)), "impressions[1]", "outside the square20 outline"},
		{"negative size", file(t, "", at(t, `"diameter_mm":-0.2`)), "impressions[0].diameter_mm", "not a positive size"},
		{"zero size", file(t, "", at(t, `"diameter_mm":0`)), "impressions[0].diameter_mm", "not a positive size"},
		{"huge size", file(t, "", at(t, `"diameter_mm":40`)), "impressions[0].diameter_mm", "larger than"},
		{"unknown needle", file(t, "", at(t, `"needle":"5RL"`)), "impressions[0].needle", `unknown needle "5RL"`},
		{"gauge", file(t, "", at(t, `"gauge_mm":0.5`)), "impressions[0].gauge_mm", "outside the needle gauges"},
		{"unknown depth", file(t, "", at(t, `"depth":"medium"`)), "impressions[0].depth", `unknown depth "medium"`},
		{"impression session", file(t, "", at(t, `"session":4`)), "impressions[0].session", "1–3"},
		{"fractional session", file(t, "", at(t, `"session":1.5`)), "impressions[0].session", "1–3"},
		{"file session", file(t, `"session":0`), "session", "1–3"},
		{"negative time", file(t, "", at(t, `"t_s":-1`)), "impressions[0].t_s", "not a time"},
		{"negative dilution", file(t, "", at(t, `"dilution":-1`)), "impressions[0].dilution", "not a dilution"},
		{"missing x", file(t, "", `{"y_mm":0}`), "impressions[0].x_mm", "missing"},
		{"x as text", file(t, "", `{"x_mm":"1","y_mm":0}`), "impressions[0].x_mm", "want a number"},
		{"impression not an object", file(t, "", at(t, ""), `5`), "impressions[1]", "want an object"},
		{"impressions not a list", file(t, `"x":1`)[:0] + `{"format":"smp-session","version":1,"template":"square20","impressions":{}}`, "impressions", "want a list"},
		{"trailing garbage", file(t, "") + "x", "", "unexpected data after"},
		{"too many fields", file(t, manyFields(1001)), "", "more than 1000 top-level fields"},
		{"bad escape", file(t, `"trainee":"a\qb"`), "trainee", "invalid escape"},
		{"unclosed string", file(t, `"trainee":"ab`+"\n"+`"`), "trainee", "past the end of its line"},
		{"leading zero", file(t, "", `{"x_mm":01,"y_mm":0}`), "impressions[0].x_mm", "not a number"},
		{"trailing comma", file(t, "", at(t, ""), ""), "impressions[1]", "expected a value"},
		{"missing colon", file(t, "", `{"x_mm" 1,"y_mm":0}`), "impressions[0]", "expected ':'"},
		{"duplicate impression field", file(t, "", at(t, `"x_mm":1`)), "impressions[0].x_mm", "appears twice"},
		{"bare word", file(t, `"trainee":bob`), "trainee", "got 'b', want a string"},
		{"NaN in text", file(t, `"trainee":NaN`), "trainee", "NaN is not a finite number"},
		{"boolean number", file(t, "", at(t, `"dilution":true`)), "impressions[0].dilution", "got a boolean, want a number"},
		{"second object", file(t, "") + "{}", "", "unexpected data after"},
		{"deep unknown field", file(t, `"extra":`+deep(200)), "extra", "nested more than"},
		{"deep inside impression", file(t, "", at(t, `"extra":`+deep(20000))), "impressions[0]", "nested"},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "", "not a session file"},
		{"empty", "", "", "empty file"},
		{"only spaces", "  \n ", "", "empty file"},
		{"truncated", file(t, "", at(t, ""), at(t, ""))[:80], "*", "ends"},
		{"top-level list", `[{"format":"smp-session"}]`, "", "top level is a list"},
		{"duplicate field", file(t, `"impressions":[]`), "impressions", "appears twice"},
		{"bad time", file(t, `"created":"yesterday"`), "created", "RFC 3339"},
		{"bad hash", file(t, `"content_sha256":"abc"`), "content_sha256", "hex"},
		{"control characters", file(t, `"trainee":"Ann\u001b[31m"`), "trainee", "control characters"},
		{"long pigment", file(t, "", at(t, `"pigment":"`+strings.Repeat("k", 300)+`"`)), "impressions[0].pigment", "bytes long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			const name = "class/ann.json"
			_, err := Decode(strings.NewReader(c.src), name)
			if err == nil {
				t.Fatalf("accepted:\n%.300s", c.src)
			}
			msg := err.Error()
			if strings.ContainsAny(msg, "\n\r") {
				t.Errorf("error is not one line: %q", msg)
			}
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not *session.Error: %v", err, err)
			}
			if !strings.HasPrefix(msg, name+": ") {
				t.Errorf("error %q does not start with the file name", msg)
			}
			if c.field != "*" && se.Field != c.field && !strings.HasPrefix(se.Field, c.field+".") {
				t.Errorf("field %q, want %q (error %q)", se.Field, c.field, msg)
			}
			if !strings.Contains(se.Problem, c.problem) {
				t.Errorf("problem %q does not mention %q", se.Problem, c.problem)
			}
			if len(msg) > 300 {
				t.Errorf("error is %d bytes long", len(msg))
			}
		})
	}
}

func TestUnknownTemplateWraps(t *testing.T) {
	_, err := Decode(strings.NewReader(strings.Replace(file(t, ""), practice, "nope", 1)), "x.json")
	var se *Error
	if !errors.As(err, &se) || se.Err == nil {
		t.Fatalf("unknown template error carries no cause: %v", err)
	}
}

func TestErrorLine(t *testing.T) {
	// The trainer writes one impression per line; an error in impression k
	// then points at line k+N of the file.
	s := randomSession(t, 50, 1)
	var buf bytes.Buffer
	if err := Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	for i, l := range lines {
		if strings.Contains(l, `"x_mm"`) && strings.Count(strings.Join(lines[:i], "\n"), `"x_mm"`) == 30 {
			lines[i] = strings.Replace(l, `"depth": "target"`, `"depth": NaN`, 1)
			lines[i] = strings.Replace(lines[i], `"depth": "deep"`, `"depth": NaN`, 1)
			lines[i] = strings.Replace(lines[i], `"depth": "shallow"`, `"depth": NaN`, 1)
			_, err := Decode(strings.NewReader(strings.Join(lines, "\n")), "l.json")
			want := fmt.Sprintf("impressions[30].depth: NaN is not a finite number (JSON has no NaN or Infinity) (line %d)", i+1)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("got %v, want it to contain %q", err, want)
			}
			return
		}
	}
	t.Fatal("impression 30 not found")
}

// endless yields head, then the body repeated for ever.
type endless struct {
	head []byte
	body []byte
	i    int
}

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(e.head) > 0 {
			c := copy(p[n:], e.head)
			e.head = e.head[c:]
			n += c
			continue
		}
		c := copy(p[n:], e.body[e.i:])
		e.i = (e.i + c) % len(e.body)
		n += c
	}
	return n, nil
}

func TestTooLarge(t *testing.T) {
	r := &endless{head: []byte(`{"format":"smp-session","version":1,"template":"square20","x":"`), body: []byte("abcdefgh")}
	_, err := decodeLimit(r, "big.json", 4096)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "big.json: larger than the 4096-byte limit") {
		t.Fatalf("got %v", err)
	}
	// A sparse file past the limit is refused from its size alone.
	path := filepath.Join(t.TempDir(), "huge.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(MaxFileBytes + 1)
	f.Close()
	_, err = Load(path)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), path+": larger than the 256 MiB limit") {
		t.Fatalf("got %v", err)
	}
}

func TestTooManyImpressions(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a million impressions")
	}
	p := inside(t)
	// An endless list: Decode must stop after MaxImpressions+1 without
	// waiting for (or allocating) the rest.
	r := &endless{head: []byte(`{"format":"smp-session","version":1,"template":"square20","impressions":[`),
		body: fmt.Appendf(nil, `{"x_mm":%g,"y_mm":%g},`, p.X, p.Y)}
	_, err := Decode(r, "many.json")
	if err == nil || !strings.Contains(err.Error(), "many.json: impressions: more than 1000000 impressions") {
		t.Fatalf("got %v", err)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.json")
	if _, err := Load(missing); err == nil || !strings.HasPrefix(err.Error(), missing+": cannot open") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: %v", err)
	}
}

// randomSession builds a valid session of n impressions on the practice
// template, exercising every field.
func randomSession(t testing.TB, n int, seed uint64) *Session {
	tp := practiceTemplate(t)
	rng := rand.New(rand.NewPCG(seed, 0x5e55))
	b := tp.Bounds()
	s := &Session{
		Template: practice, Exercise: "square-even-s1", Trainee: "Ann Ó'Brien \"AB\" <ann>", App: "test",
		Number:  1 + rng.IntN(3),
		Created: time.Date(2026, 11, 23, 20, 0, 0, 123456789, time.UTC),
		Saved:   time.Date(2026, 11, 23, 21, 0, 0, 0, time.UTC),
	}
	groupings := []impression.Grouping{impression.RL1, impression.RL3}
	depths := []impression.Depth{impression.Shallow, impression.Target, impression.Deep}
	pigments := []string{"carbon-black", "soft-grey", "ünïcode\tpigment"[:8]}
	for i := range n {
		var p geom.Point
		for {
			p = geom.Point{X: b.Min.X + rng.Float64()*b.Dx(), Y: b.Min.Y + rng.Float64()*b.Dy()}
			if tp.Outline.Contains(p) {
				break
			}
		}
		nd := impression.Needle{Grouping: groupings[rng.IntN(2)], GaugeMM: impression.Gauges[rng.IntN(len(impression.Gauges))]}
		s.Impressions = append(s.Impressions, impression.Impression{
			Pos: p, DiameterMM: nd.DotDiameterMM() * (0.5 + rng.Float64()), Needle: nd,
			Depth: depths[rng.IntN(3)], Pigment: pigments[rng.IntN(len(pigments))],
			Dilution: math.Round(rng.Float64()*400) / 10, Session: 1 + rng.IntN(3), TimeS: float64(i) * 0.7 * rng.Float64(),
		})
	}
	return s
}

func TestRoundTrip(t *testing.T) {
	for seed := range uint64(20) {
		s := randomSession(t, int(seed*7), seed)
		var buf bytes.Buffer
		if err := Encode(&buf, s); err != nil {
			t.Fatal(err)
		}
		got, err := Decode(bytes.NewReader(buf.Bytes()), "rt.json")
		if err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, buf.Bytes())
		}
		s.ContentHash = s.Hash()
		if !reflect.DeepEqual(got, s) {
			t.Fatalf("seed %d: round trip changed the session\ngot  %+v\nwant %+v", seed, got, s)
		}
		if got.EditedAfterSave() {
			t.Fatalf("seed %d: freshly saved file reports an edit", seed)
		}
		// Encoding is deterministic: the same session gives the same bytes.
		var again bytes.Buffer
		Encode(&again, got)
		if !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Fatalf("seed %d: re-encoding differs", seed)
		}
	}
}

func TestOnePerLine(t *testing.T) {
	s := randomSession(t, 10, 3)
	var buf bytes.Buffer
	Encode(&buf, s)
	n := 0
	for _, l := range strings.Split(buf.String(), "\n") {
		if strings.Contains(l, `"x_mm"`) {
			n++
			if strings.Count(l, `"x_mm"`) != 1 {
				t.Fatalf("two impressions on one line: %s", l)
			}
		}
	}
	if n != 10 {
		t.Fatalf("%d impression lines, want 10", n)
	}
}

func TestHashDetectsEdits(t *testing.T) {
	s := randomSession(t, 20, 9)
	var buf bytes.Buffer
	Encode(&buf, s)
	text := buf.String()
	got, err := Decode(strings.NewReader(text), "h.json")
	if err != nil || got.EditedAfterSave() {
		t.Fatalf("unedited: %v %v", err, got.EditedAfterSave())
	}
	// Move one impression by a micrometre in a text editor.
	old := fmt.Sprintf(`"x_mm": %s`, string(appendFloat(nil, s.Impressions[5].Pos.X)))
	edited := strings.Replace(text, old, fmt.Sprintf(`"x_mm": %s`, string(appendFloat(nil, s.Impressions[5].Pos.X+0.001))), 1)
	if edited == text {
		t.Fatal("edit did not apply")
	}
	got, err = Decode(strings.NewReader(edited), "h.json")
	if err != nil {
		t.Fatal(err)
	}
	if !got.EditedAfterSave() {
		t.Fatal("edit not detected")
	}
	// Layout, defaults and the other fields do not change the hash.
	min := &Session{Template: s.Template, Number: 1, Impressions: s.Impressions}
	if min.Hash() != s.Hash() {
		t.Fatal("hash depends on fields other than template and impressions")
	}
	min.Template = "norwood3"
	if min.Hash() == s.Hash() {
		t.Fatal("hash ignores the template")
	}
}

func TestEncodeRefusesInvalid(t *testing.T) {
	s := randomSession(t, 3, 1)
	s.Impressions[2].Pos.X = math.NaN()
	var buf bytes.Buffer
	err := Encode(&buf, s)
	if err == nil || !strings.Contains(err.Error(), "impressions[2].x_mm: NaN is not a position") {
		t.Fatalf("got %v", err)
	}
	if buf.Len() != 0 {
		t.Fatal("wrote part of an invalid session")
	}
}

func TestSaveLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.json")
	s := randomSession(t, 100, 4)
	if err := Save(path, s); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	s.ContentHash = s.Hash()
	if !reflect.DeepEqual(got, s) {
		t.Fatal("Save/Load changed the session")
	}
	// An invalid session is not written and the old file survives.
	before, _ := os.ReadFile(path)
	bad := randomSession(t, 2, 5)
	bad.Impressions[1].Depth = "sideways"
	err = Save(path, bad)
	if err == nil || !strings.HasPrefix(err.Error(), path+": impressions[1].depth") {
		t.Fatalf("got %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("failed save changed the file")
	}
}

func TestOutlineCheckAgreesWithMeasuring(t *testing.T) {
	// The grid shortcut must accept and refuse exactly what measuring
	// does, on every shipped template.
	for _, tp := range allTemplates() {
		c := newOutlineCheck(tp.Outline)
		if c == nil {
			t.Fatalf("%s: no grid", tp.ID)
		}
		rng := rand.New(rand.NewPCG(1, 2))
		b := tp.Bounds()
		pad := 2 * OutsideToleranceMM
		for range 5000 {
			p := geom.Point{X: b.Min.X - pad + rng.Float64()*(b.Dx()+2*pad), Y: b.Min.Y - pad + rng.Float64()*(b.Dy()+2*pad)}
			ok := outlineDist(tp.Outline, p) <= OutsideToleranceMM
			switch c.classify(p) {
			case cellIn:
				if !ok {
					t.Fatalf("%s: %v classed inside but is %g mm out", tp.ID, p, outlineDist(tp.Outline, p))
				}
			case cellOut:
				if ok {
					t.Fatalf("%s: %v classed outside but is %g mm out", tp.ID, p, outlineDist(tp.Outline, p))
				}
			}
		}
	}
}

func TestEveryTemplate(t *testing.T) {
	// Each shipped template accepts a dot at its centroid (or a vertex
	// nudged inward if the centroid is outside a concave outline) and
	// refuses one far beyond its bounds.
	all := allTemplates()
	if len(all) == 0 {
		t.Fatal("no templates registered")
	}
	for _, tp := range all {
		c := tp.Outline.Centroid()
		b := tp.Bounds()
		good := fmt.Sprintf(`{"format":"smp-session","version":1,"template":%q,"impressions":[{"x_mm":%g,"y_mm":%g}]}`, tp.ID, c.X, c.Y)
		if _, err := Decode(strings.NewReader(good), tp.ID+".json"); err != nil {
			t.Errorf("%s: %v", tp.ID, err)
		}
		bad := fmt.Sprintf(`{"format":"smp-session","version":1,"template":%q,"impressions":[{"x_mm":%g,"y_mm":%g}]}`, tp.ID, b.Min.X-2*OutsideToleranceMM, c.Y)
		if _, err := Decode(strings.NewReader(bad), tp.ID+".json"); err == nil || !strings.Contains(err.Error(), "outside the "+tp.ID+" outline") {
			t.Errorf("%s: far dot: %v", tp.ID, err)
		}
		if c := newOutlineCheck(tp.Outline); c == nil {
			t.Errorf("%s: no outline grid", tp.ID)
		}
	}
}

func manyFields(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"f%d":%d`, i, i)
	}
	return b.String()
}

func TestHashCanonicalForm(t *testing.T) {
	// The canonical text is written out by hand here, so a change to the
	// hashing code that would change recorded hashes fails this test.
	s := &Session{Template: "square20", Number: 2, Trainee: "not hashed", Impressions: []impression.Impression{
		{Pos: geom.Point{X: 1.5, Y: -2}, DiameterMM: 0.25, Needle: impression.Needle{Grouping: impression.RL1, GaugeMM: 0.25},
			Depth: impression.Target, Pigment: "carbon-black", Dilution: 20, Session: 1, TimeS: 0},
		{Pos: geom.Point{X: 0.1, Y: 3e-7}, DiameterMM: 0.5, Needle: impression.Needle{Grouping: impression.RL3, GaugeMM: 0.25},
			Depth: impression.Deep, Pigment: `pïg"ment`, Dilution: 0, Session: 2, TimeS: 12.75},
	}}
	text := "smp-session-content/1\n" +
		"template \"square20\"\n" +
		"1.5 -2 0.25 \"1RL\" 0.25 \"target\" \"carbon-black\" 20 1 0\n" +
		"0.1 3e-07 0.5 \"3RL\" 0.25 \"deep\" \"pïg\\\"ment\" 0 2 12.75\n"
	want := fmt.Sprintf("%x", sha256.Sum256([]byte(text)))
	if got := s.Hash(); got != want {
		t.Fatalf("Hash() = %s, want %s (sha256 of the documented canonical text)", got, want)
	}
}

func TestStringEscapes(t *testing.T) {
	src := file(t, `"trainee":"\u00c9lodie \ud83d\ude00 \"Lo\" a\\b\/c","x":"\b\f\n\r\t\u0000 lone \ud800 end"`)
	s, err := Decode(strings.NewReader(src), "esc.json")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Élodie 😀 \"Lo\" a\\b/c"; s.Trainee != want {
		t.Fatalf("trainee %q, want %q", s.Trainee, want)
	}
	// A lone surrogate decodes to U+FFFD, as in encoding/json.
	src = file(t, `"trainee":"a\udc00b"`)
	if s, err = Decode(strings.NewReader(src), "esc.json"); err != nil || s.Trainee != "a\uFFFDb" {
		t.Fatalf("lone surrogate: %q, %v", s.Trainee, err)
	}
}

// Readers that hand over data in awkward pieces must not change the
// result: every token can straddle a read boundary.
func TestAwkwardReaders(t *testing.T) {
	s := randomSession(t, 300, 11)
	s.Trainee = "Zoë \"Z\" \\ 😀"
	var buf bytes.Buffer
	if err := Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	want, err := Decode(bytes.NewReader(buf.Bytes()), "w.json")
	if err != nil {
		t.Fatal(err)
	}
	// Put escapes into the stream too.
	esc := bytes.Replace(buf.Bytes(), []byte(`"app": "test"`), []byte(`"app": "t\u0065st", "x": ["\ud83d\ude00", 1e5, -0.5, true, null, {}]`), 1)
	for name, r := range map[string]func() io.Reader{
		"one byte":  func() io.Reader { return iotest.OneByteReader(bytes.NewReader(esc)) },
		"half":      func() io.Reader { return iotest.HalfReader(bytes.NewReader(esc)) },
		"data+err":  func() io.Reader { return iotest.DataErrReader(bytes.NewReader(esc)) },
		"plain esc": func() io.Reader { return bytes.NewReader(esc) },
	} {
		got, err := Decode(r(), "w.json")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: decoded differently", name)
		}
	}
}

func TestReadError(t *testing.T) {
	boom := errors.New("cable unplugged")
	src := file(t, "", at(t, ""), at(t, ""))
	r := io.MultiReader(strings.NewReader(src[:60]), iotest.ErrReader(boom))
	_, err := Decode(r, "net.json")
	if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "net.json: ") {
		t.Fatalf("got %v", err)
	}
}

func TestBigFileOutlineGrid(t *testing.T) {
	// Over 256 impressions the outline test goes through the cached grid;
	// it must still refuse a far dot and accept the rest.
	s := randomSession(t, 2000, 12)
	var buf bytes.Buffer
	if err := Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	if _, err := Decode(bytes.NewReader(buf.Bytes()), "big.json"); err != nil {
		t.Fatal(err)
	}
	s.Impressions[1999].Pos = far(t)
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "impressions[1999]: ") || !strings.Contains(err.Error(), "outside") {
		t.Fatalf("far dot in a big file: %v", err)
	}
}

// TestSizedDecode reads a list of impressions longer than one chunk told
// the file's true size, and sizes far too small and far too large (as a
// file whose first impressions are longer than the rest, or one with other
// fields after the list, would mislead the estimate): every one decodes to
// the same session, and an estimate far too large is not kept as the
// list's capacity.
func TestSizedDecode(t *testing.T) {
	s := randomSession(t, 3*impChunk+17, 9)
	var buf bytes.Buffer
	if err := Encode(&buf, s); err != nil {
		t.Fatal(err)
	}
	want, err := Decode(bytes.NewReader(buf.Bytes()), "sized.json")
	if err != nil {
		t.Fatal(err)
	}
	n := int64(buf.Len())
	for _, size := range []int64{n, n / 5, 10 * n, 1} {
		got, err := decodeSized(bytes.NewReader(buf.Bytes()), "sized.json", MaxFileBytes, size)
		if err != nil {
			t.Fatalf("size %d: %v", size, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("size %d of %d: the session read differs", size, n)
		}
		if c, l := cap(got.Impressions), len(got.Impressions); c > l+l/8 {
			t.Errorf("size %d of %d: %d impressions kept in a list of capacity %d", size, n, l, c)
		}
	}
}
