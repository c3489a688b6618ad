package session

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/smptrainer/smp/sim/geom"
	"github.com/smptrainer/smp/sim/impression"
)

// Load reads and validates the session file at path. Errors are *Error
// naming path.
func Load(path string) (*Session, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, Problem: "cannot open: " + describeOSError(err), Err: err}
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil {
		if fi.IsDir() {
			return nil, &Error{File: path, Problem: "is a directory, not a session file"}
		}
		// Refuse an oversized regular file before reading any of it; pipes
		// and devices report no size and are caught while reading.
		if fi.Mode().IsRegular() && fi.Size() > MaxFileBytes {
			return nil, tooLarge(path, MaxFileBytes)
		}
	}
	return Decode(f, path)
}

// Decode reads one session file from r and validates it; name is used in
// errors (pass the path, or a label such as "stdin").
//
// What Decode accepts (the README documents the same):
//   - a UTF-8 JSON object, optionally after a byte-order mark, of at most
//     MaxFileBytes bytes and MaxDepth levels of nesting, with nothing but
//     white space after it;
//   - "format": "smp-session" and "version": one of KnownVersions, both
//     required;
//   - "template": the id of a known template, required;
//   - "session": 1–3, default 1; "exercise", "trainee", "app": short text,
//     default ""; "created", "saved": RFC 3339 times or "", default unknown;
//     "content_sha256": 64 hex digits or "";
//   - "impressions": a list of at most MaxImpressions objects, default
//     empty. Each needs "x_mm" and "y_mm", within OutsideToleranceMM of the
//     template's outline. The rest default: "needle" "1RL", "gauge_mm"
//     0.25 (impression.DefaultNeedle), "diameter_mm" the needle's
//     DotDiameterMM, "depth" "target", "pigment" "carbon-black"
//     (impression.DefaultPigment), "dilution" 20 (impression.DefaultDilution),
//     "session" the file's session, "t_s" 0. A JSON null, and "" for a
//     text field, also mean "use the default".
//
// Fields this version does not know are skipped, so a file written by a
// newer trainer that adds fields (without changing their meaning, which
// would bump the version) still loads. Repeated top-level fields are
// rejected: which one would count is ambiguous.
//
// Any problem is an *Error naming name, the field and the problem. The
// impressions list is read one impression at a time, so a file claiming
// millions of impressions is refused after MaxImpressions+1 without first
// allocating them all.
func Decode(r io.Reader, name string) (*Session, error) {
	return decodeLimit(r, name, MaxFileBytes)
}

// decodeLimit is Decode with a size limit of limit bytes, so tests can
// check the limit without a 256 MiB input.
func decodeLimit(r io.Reader, name string, limit int64) (*Session, error) {
	in := &input{r: r, limit: limit}
	br := bufio.NewReaderSize(in, 64<<10)
	var bom int64
	if b, _ := br.Peek(3); len(b) == 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		br.Discard(3) // Windows editors like to start UTF-8 files with one
		bom = 3
	}
	d := &decoder{name: name, in: in, bom: bom, dec: json.NewDecoder(br), strs: map[string]string{}}
	d.dec.UseNumber() // so 1e999 arrives as text and is reported, not lost
	s, err := d.session()
	if err != nil {
		return nil, err
	}
	return s, nil
}

type decoder struct {
	name string
	in   *input
	bom  int64
	dec  *json.Decoder
	// strs interns the needle, depth and pigment names, which repeat on
	// every impression: a million-impression file then holds a handful of
	// strings rather than three million copies.
	strs map[string]string
}

// intern returns a shared copy of s.
func (d *decoder) intern(s string) string {
	if v, ok := d.strs[s]; ok {
		return v
	}
	if len(d.strs) < 1024 { // bounded: a hostile file of unique names gains nothing
		d.strs[s] = s
	}
	return s
}

// errorf returns an *Error for field.
func (d *decoder) errorf(field, format string, args ...any) *Error {
	return &Error{File: d.name, Field: field, Problem: fmt.Sprintf(format, args...)}
}

// where describes the position of the value starting at or after the
// decoder offset off.
func (d *decoder) where(off int64) string {
	if l := d.in.lineAt(off + d.bom); l > 0 {
		return fmt.Sprintf("line %d", l)
	}
	return fmt.Sprintf("byte %d", off+d.bom)
}

// readErr turns an error from the JSON decoder, met while reading the value
// of field that starts at decoder offset off, into an *Error.
func (d *decoder) readErr(field string, off int64, err error) *Error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, ErrTooLarge):
		return tooLarge(d.name, d.in.limit)
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		if field == "" {
			return d.errorf("", "the file ends early, before the session object is closed (truncated?)")
		}
		return d.errorf(field, "the file ends in the middle of this field (truncated?)")
	case errors.As(err, &syn):
		msg := syn.Error()
		if strings.Contains(msg, "'N'") || strings.Contains(msg, "'I'") {
			msg += " (NaN and Infinity are not numbers in JSON; every value must be finite)"
		}
		if strings.Contains(msg, "exceeded max depth") {
			msg = fmt.Sprintf("nested more than %d levels deep", MaxDepth)
		}
		return d.errorf(field, "invalid JSON at %s: %s", d.where(syn.Offset), msg)
	case errors.As(err, &typ):
		if typ.Field != "" {
			if field != "" {
				field += "."
			}
			field += typ.Field
		}
		if num, ok := strings.CutPrefix(typ.Value, "number "); ok {
			return d.errorf(field, "%s is not a finite number", num)
		}
		return d.errorf(field, "got %s, want %s", article(typ.Value), jsonKind(typ.Type.Kind().String()))
	}
	return &Error{File: d.name, Field: field, Problem: "reading: " + err.Error(), Err: err}
}

func tooLarge(name string, limit int64) *Error {
	return &Error{File: name, Problem: fmt.Sprintf("larger than the %s limit for a session file", sizeText(limit)), Err: ErrTooLarge}
}

func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d-byte", n)
}

// token reads the next token of field.
func (d *decoder) token(field string) (json.Token, *Error) {
	off := d.dec.InputOffset()
	t, err := d.dec.Token()
	if err != nil {
		return nil, d.readErr(field, off, err)
	}
	return t, nil
}

// str reads a string or null ("", false) for field.
func (d *decoder) str(field string) (string, bool, *Error) {
	t, e := d.token(field)
	if e != nil {
		return "", false, e
	}
	switch v := t.(type) {
	case string:
		return v, true, nil
	case nil:
		return "", false, nil
	}
	return "", false, d.errorf(field, "got %s, want a string", tokenKind(t))
}

// num reads a finite number or null (0, false) for field.
func (d *decoder) num(field string) (float64, bool, *Error) {
	t, e := d.token(field)
	if e != nil {
		return 0, false, e
	}
	switch v := t.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(v), 64)
		if err != nil || math.IsInf(f, 0) {
			return 0, false, d.errorf(field, "%s is not a finite number", v)
		}
		return f, true, nil
	case nil:
		return 0, false, nil
	}
	return 0, false, d.errorf(field, "got %s, want a number", tokenKind(t))
}

// skip reads and discards one value, of which the token t is already read,
// at nesting depth depth (the top-level object is depth 1).
func (d *decoder) skip(field string, t json.Token, depth int) *Error {
	open := 0
	for {
		if dl, ok := t.(json.Delim); ok {
			switch dl {
			case '[', '{':
				open++
				if depth+open > MaxDepth {
					return d.errorf(field, "nested more than %d levels deep", MaxDepth)
				}
			default:
				open--
			}
		}
		if open == 0 {
			return nil
		}
		var e *Error
		if t, e = d.token(field); e != nil {
			return e
		}
	}
}

// rawImpression is one impression as read, before defaults. Absent numbers
// stay NaN, which JSON cannot express, so "absent" and "zero" differ.
type rawImpression struct {
	X        float64 `json:"x_mm"`
	Y        float64 `json:"y_mm"`
	Diameter float64 `json:"diameter_mm"`
	Needle   string  `json:"needle"`
	Gauge    float64 `json:"gauge_mm"`
	Depth    string  `json:"depth"`
	Pigment  string  `json:"pigment"`
	Dilution float64 `json:"dilution"`
	Session  float64 `json:"session"`
	TimeS    float64 `json:"t_s"`
}

var nan = math.NaN()

var absentImpression = rawImpression{X: nan, Y: nan, Diameter: nan, Gauge: nan, Dilution: nan, Session: nan, TimeS: nan}

// resolve applies the defaults. The session number stays 0 when absent and
// is filled in once the file's own session number is known.
func (r *rawImpression) resolve() (impression.Impression, string) {
	if math.IsNaN(r.X) {
		return impression.Impression{}, "x_mm"
	}
	if math.IsNaN(r.Y) {
		return impression.Impression{}, "y_mm"
	}
	im := impression.Impression{
		Pos:      geom.Point{X: r.X, Y: r.Y},
		Needle:   impression.DefaultNeedle,
		Depth:    impression.Target,
		Pigment:  impression.DefaultPigment,
		Dilution: impression.DefaultDilution,
	}
	if r.Needle != "" {
		im.Needle.Grouping = impression.Grouping(r.Needle)
	}
	if !math.IsNaN(r.Gauge) {
		im.Needle.GaugeMM = r.Gauge
	}
	im.DiameterMM = r.Diameter
	if math.IsNaN(r.Diameter) {
		im.DiameterMM = im.Needle.DotDiameterMM()
	}
	if r.Depth != "" {
		im.Depth = impression.Depth(r.Depth)
	}
	if r.Pigment != "" {
		im.Pigment = r.Pigment
	}
	if !math.IsNaN(r.Dilution) {
		im.Dilution = r.Dilution
	}
	if !math.IsNaN(r.Session) {
		im.Session = int(r.Session)
		if float64(im.Session) != r.Session || im.Session == 0 {
			im.Session = -1 // not a whole session number; reported by checkImpression
		}
	}
	if !math.IsNaN(r.TimeS) {
		im.TimeS = r.TimeS
	}
	return im, ""
}

func (d *decoder) session() (*Session, error) {
	t, e := d.token("")
	if e != nil {
		if e.Err == nil && e.Field == "" && strings.Contains(e.Problem, "ends early") {
			return nil, d.errorf("", "empty file, not a session file")
		}
		if !errors.Is(e, ErrTooLarge) {
			e.Problem = "not a session file: " + e.Problem
		}
		return nil, e
	}
	if t != json.Delim('{') {
		return nil, d.errorf("", "not a session file: the top level is %s, want an object {…}", tokenKind(t))
	}

	s := &Session{Number: 1}
	var format, version, template bool
	seen := map[string]bool{}
	for d.dec.More() {
		kt, e := d.token("")
		if e != nil {
			return nil, e
		}
		key, _ := kt.(string) // object keys are always strings
		if seen[key] {
			return nil, d.errorf(key, "appears twice")
		}
		seen[key] = true
		switch key {
		case "format":
			v, ok, e := d.str(key)
			if e != nil {
				return nil, e
			}
			if !ok || v != Format {
				return nil, d.errorf(key, "%q is not a session file format (want %q)", v, Format)
			}
			format = true
		case "version":
			v, ok, e := d.num(key)
			if e != nil {
				return nil, e
			}
			if !ok || !knownVersion(v) {
				return nil, d.errorf(key, "%s is not a version this program reads (it reads %s); a newer trainer may have written the file", fmtNum(v, ok), knownVersionList())
			}
			version = true
		case "template":
			if template, e = d.text(key, &s.Template); e != nil {
				return nil, e
			}
		case "exercise":
			if _, e = d.text(key, &s.Exercise); e != nil {
				return nil, e
			}
		case "trainee":
			if _, e = d.text(key, &s.Trainee); e != nil {
				return nil, e
			}
		case "app":
			if _, e = d.text(key, &s.App); e != nil {
				return nil, e
			}
		case "content_sha256":
			if _, e = d.text(key, &s.ContentHash); e != nil {
				return nil, e
			}
		case "created", "saved":
			v, _, e := d.str(key)
			if e != nil {
				return nil, e
			}
			tm, perr := parseTime(v)
			if perr != "" {
				return nil, d.errorf(key, "%s", perr)
			}
			if key == "created" {
				s.Created = tm
			} else {
				s.Saved = tm
			}
		case "session":
			v, ok, e := d.num(key)
			if e != nil {
				return nil, e
			}
			if ok {
				if v != math.Trunc(v) || v < 1 || v > 3 {
					return nil, d.errorf(key, "%v is not a session number (1–3)", v)
				}
				s.Number = int(v)
			}
		case "impressions":
			ims, e := d.impressions()
			if e != nil {
				return nil, e
			}
			s.Impressions = ims
		default:
			off := d.dec.InputOffset()
			t, err := d.dec.Token()
			if err != nil {
				return nil, d.readErr(key, off, err)
			}
			if e := d.skip(key, t, 1); e != nil {
				return nil, e
			}
		}
	}
	if _, e := d.token(""); e != nil { // the closing brace
		return nil, e
	}
	off := d.dec.InputOffset()
	if _, err := d.dec.Token(); err != io.EOF {
		if errors.Is(err, ErrTooLarge) {
			return nil, tooLarge(d.name, d.in.limit)
		}
		return nil, d.errorf("", "unexpected data after the session object at %s", d.where(off))
	}
	switch {
	case !format:
		return nil, d.errorf("format", "missing; a session file has \"format\": %q", Format)
	case !version:
		return nil, d.errorf("version", "missing; this program reads version %s", knownVersionList())
	case !template:
		return nil, d.errorf("template", "missing; it names the scalp template, such as \"norwood3\"")
	}
	for i := range s.Impressions {
		if s.Impressions[i].Session == 0 {
			s.Impressions[i].Session = s.Number
		}
	}
	if err := validate(s, false); err != nil {
		err.File = d.name
		return nil, err
	}
	return s, nil
}

// text reads an optional string field into dst; present reports whether it
// was there and not null.
func (d *decoder) text(field string, dst *string) (present bool, e *Error) {
	v, ok, e := d.str(field)
	if e != nil {
		return false, e
	}
	*dst = v
	return ok, nil
}

func (d *decoder) impressions() ([]impression.Impression, *Error) {
	const field = "impressions"
	t, e := d.token(field)
	if e != nil {
		return nil, e
	}
	if t == nil {
		return nil, nil
	}
	if t != json.Delim('[') {
		return nil, d.errorf(field, "got %s, want a list [...]", tokenKind(t))
	}
	var ims []impression.Impression
	var raw rawImpression
	for d.dec.More() {
		if len(ims) == MaxImpressions {
			return nil, d.errorf(field, "more than %d impressions, the most a session file may hold", MaxImpressions)
		}
		f := fmt.Sprintf("impressions[%d]", len(ims))
		off := d.dec.InputOffset()
		raw = absentImpression
		if err := d.dec.Decode(&raw); err != nil {
			var typ *json.UnmarshalTypeError
			if errors.As(err, &typ) && typ.Field == "" {
				return nil, d.errorf(f, "got %s at %s, want an object {…}", article(typ.Value), d.where(off))
			}
			return nil, d.readErr(f, off, err)
		}
		raw.Needle, raw.Depth, raw.Pigment = d.intern(raw.Needle), d.intern(raw.Depth), d.intern(raw.Pigment)
		im, missing := raw.resolve()
		if missing != "" {
			return nil, d.errorf(f+"."+missing, "missing at %s; every impression needs x_mm and y_mm", d.where(off))
		}
		chk := im
		if chk.Session == 0 {
			chk.Session = 1 // absent: the file's own number, checked separately
		}
		if fld, problem := checkImpression(&chk, true); problem != "" {
			return nil, d.errorf(f+"."+fld, "%s", problem)
		}
		ims = append(ims, im)
	}
	if _, e := d.token(field); e != nil { // the closing bracket
		return nil, e
	}
	return ims, nil
}

func parseTime(v string) (time.Time, string) {
	if v == "" {
		return time.Time{}, ""
	}
	tm, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Sprintf("%q is not an RFC 3339 time such as \"2026-11-23T20:15:00Z\"", v)
	}
	return tm.UTC(), ""
}

func knownVersion(v float64) bool {
	for _, k := range KnownVersions {
		if float64(k) == v {
			return true
		}
	}
	return false
}

func knownVersionList() string {
	var b strings.Builder
	for i, k := range KnownVersions {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(k))
	}
	return b.String()
}

func fmtNum(v float64, ok bool) string {
	if !ok {
		return "null"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// tokenKind names a JSON token's kind for an error message.
func tokenKind(t json.Token) string {
	switch v := t.(type) {
	case json.Delim:
		if v == '[' {
			return "a list"
		}
		if v == '{' {
			return "an object"
		}
		return fmt.Sprintf("%q", string(v))
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "something else"
}

// article turns encoding/json's value description ("string", "array",
// "number 3") into words.
func article(v string) string {
	switch {
	case v == "array":
		return "a list"
	case v == "object":
		return "an object"
	case v == "string":
		return "a string"
	case v == "bool":
		return "a boolean"
	case strings.HasPrefix(v, "number"):
		return "a number"
	}
	return v
}

func jsonKind(goKind string) string {
	switch goKind {
	case "float64", "int":
		return "a number"
	case "string":
		return "a string"
	case "struct":
		return "an object"
	}
	return goKind
}

func describeOSError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
