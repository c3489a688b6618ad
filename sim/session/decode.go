package session

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
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
		if fi.Mode().IsRegular() {
			if fi.Size() > MaxFileBytes {
				return nil, tooLarge(path, MaxFileBytes)
			}
			return decodeSized(f, path, MaxFileBytes, fi.Size())
		}
	}
	return Decode(f, path)
}

// Decode reads one session file from r and validates it; name is used in
// errors (pass the path, or a label such as "stdin").
//
// What Decode accepts (the README documents the same):
//   - one JSON object (RFC 8259), optionally after a UTF-8 byte-order mark,
//     of at most MaxFileBytes bytes and MaxDepth levels of nesting, with
//     nothing but white space after it;
//   - "format": "smp-session" and "version": one of KnownVersions, both
//     required;
//   - "template": the id of a known template, required;
//   - "session": 1–3, default 1; "exercise", "trainee", "app": short text,
//     default ""; "created", "saved": RFC 3339 times or "", default unknown;
//     "content_sha256": 64 lower-case hex digits or "";
//   - "impressions": a list of at most MaxImpressions objects, default
//     empty. Each needs "x_mm" and "y_mm", within OutsideToleranceMM of the
//     template's outline. The rest default: "needle" "1RL", "gauge_mm"
//     0.25 (impression.DefaultNeedle), "diameter_mm" the needle's
//     DotDiameterMM, "depth" "target", "pigment" "carbon-black"
//     (impression.DefaultPigment), "dilution" 20 (impression.DefaultDilution),
//     "session" the file's session, "t_s" 0. A JSON null, and "" for a
//     text field, also mean "use the default";
//   - "design": a hairline design or null, default none (design.go,
//     FORMAT.md);
//   - "consultation": a consultation of a virtual client or null, default
//     none (consultation.go, FORMAT.md).
//
// Field names are case-sensitive. Fields this version does not know are
// skipped (after checking they are well-formed JSON), so a file written by
// a newer trainer that adds fields, without changing the meaning of these
// (which would bump the version), still loads. A field given twice in the
// same object is refused: which one counts would be ambiguous.
//
// Any problem is an *Error naming name, the field and the problem, with the
// line for syntax errors. The file is read as a stream, so a file claiming
// millions of impressions is refused at the (MaxImpressions+1)th without
// first reading them all, and memory stays near the size of the impressions
// kept however the file is built.
func Decode(r io.Reader, name string) (*Session, error) {
	return decodeLimit(r, name, MaxFileBytes)
}

// decodeLimit is Decode with a size limit of limit bytes, so tests can
// check the limit without a 256 MiB input.
func decodeLimit(r io.Reader, name string, limit int64) (*Session, error) {
	return decodeSized(r, name, limit, 0)
}

// decodeSized is decodeLimit told the input's size in bytes (0: not
// known), from which the impressions' list is sized once the first few
// thousand have been read. The size only guides the allocation: a wrong
// one costs a copy, never a wrong result.
func decodeSized(r io.Reader, name string, limit, size int64) (*Session, error) {
	d := &decoder{name: name, strs: map[string]string{}, size: size}
	d.in = &input{r: r, limit: limit}
	d.r = d.in
	d.line = 1
	s, e := d.session()
	if e != nil {
		return nil, e
	}
	return s, nil
}

// decoder reads one session file.
type decoder struct {
	scanner
	in   *input // what scanner reads, counting the bytes delivered
	size int64  // the input's size in bytes, 0 when not known
	name string
	// strs interns the needle, depth and pigment names, which repeat on
	// every impression: a million-impression file then holds a handful of
	// strings rather than three million copies.
	strs map[string]string
}

// intern returns a shared string equal to b.
func (d *decoder) intern(b []byte) string {
	if v, ok := d.strs[string(b)]; ok { // no allocation for the lookup
		return v
	}
	s := string(b)
	if len(d.strs) < 256 { // bounded: a hostile file of unique names gains nothing
		d.strs[s] = s
	}
	return s
}

// errorf returns an *Error for field.
func (d *decoder) errorf(field, format string, args ...any) *Error {
	return &Error{File: d.name, Field: field, Problem: fmt.Sprintf(format, args...)}
}

// syntax returns an *Error for malformed JSON, with the line.
func (d *decoder) syntax(field, format string, args ...any) *Error {
	return &Error{File: d.name, Field: field, Problem: fmt.Sprintf("invalid JSON at line %d: ", d.line) + fmt.Sprintf(format, args...)}
}

// ended returns the error for input that stopped while field was being
// read: the size limit, a read error, or a truncated file.
func (d *decoder) ended(field string) *Error {
	switch {
	case errors.Is(d.err, ErrTooLarge):
		return tooLarge(d.name, d.r.(*input).limit)
	case d.err != nil && d.err != io.EOF:
		return &Error{File: d.name, Field: field, Problem: "reading: " + d.err.Error(), Err: d.err}
	case field == "":
		return d.errorf("", "the file ends early, before the session object is closed (truncated?)")
	}
	return d.errorf(field, "the file ends in the middle of this field (truncated?)")
}

// tokenErr turns an error from the scanner into an *Error.
func (d *decoder) tokenErr(field string, err error) *Error {
	if err == errEnd {
		return d.ended(field)
	}
	return d.syntax(field, "%v", err)
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

// next returns the next non-space byte, or the error for a file that ends
// while field is being read.
func (d *decoder) next(field string) (byte, *Error) {
	c, ok := d.peek()
	if !ok {
		return 0, d.ended(field)
	}
	return c, nil
}

// expect consumes the byte c, which must come next.
func (d *decoder) expect(field string, c byte, what string) *Error {
	got, e := d.next(field)
	if e != nil {
		return e
	}
	if got != c {
		return d.syntax(field, "expected %s, found %s", what, found(got))
	}
	d.pos++
	return nil
}

// found describes the byte c where something else was expected.
func found(c byte) string {
	switch {
	case c == '"':
		return "a string"
	case c == '{':
		return "an object"
	case c == '[':
		return "a list"
	case c == '-' || '0' <= c && c <= '9':
		return "a number"
	case c >= 0x20 && c < 0x7f:
		return fmt.Sprintf("%q", c)
	}
	return fmt.Sprintf("byte %#02x", c)
}

// kind names the JSON value starting with c, for "got X, want Y".
func kind(c byte) string {
	switch c {
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return found(c)
}

// literal reads a bare word, which must be true, false or null, and
// returns it. NaN and Infinity get a message of their own: they are what
// other programs write for non-finite numbers.
func (d *decoder) literal(field string) (string, *Error) {
	w, err := d.word()
	if err != nil {
		return "", d.tokenErr(field, err)
	}
	switch string(w) {
	case "true", "false", "null":
		return string(w), nil
	}
	if len(w) == 0 {
		c, _ := d.peek()
		return "", d.syntax(field, "expected a value, found %s", found(c))
	}
	if isNonFinite(w) {
		return "", d.errorf(field, "%s is not a finite number (JSON has no NaN or Infinity)", w)
	}
	if _, ok := number(w); ok {
		return "", d.errorf(field, "got a number, want true, false or null") // not reached: callers route numbers elsewhere
	}
	return "", d.syntax(field, "%q is not a JSON value", clip(string(w)))
}

func isNonFinite(w []byte) bool {
	switch strings.ToLower(strings.TrimLeft(string(w), "+-")) {
	case "nan", "inf", "infinity":
		return true
	}
	return false
}

// num reads a finite number, or null (ok false), for field.
func (d *decoder) num(field string) (v float64, ok bool, e *Error) {
	c, e := d.next(field)
	if e != nil {
		return 0, false, e
	}
	switch {
	case c == '-' || '0' <= c && c <= '9':
		w, err := d.word()
		if err != nil {
			return 0, false, d.tokenErr(field, err)
		}
		f, valid := number(w)
		switch {
		case !valid && isNonFinite(w):
			return 0, false, d.errorf(field, "%s is not a finite number (JSON has no NaN or Infinity)", w)
		case !valid:
			return 0, false, d.syntax(field, "%q is not a number", clip(string(w)))
		case math.IsInf(f, 0):
			return 0, false, d.errorf(field, "%s is not a finite number", clip(string(w)))
		}
		return f, true, nil
	case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '+':
		lit, e := d.literal(field)
		if e != nil {
			return 0, false, e
		}
		if lit == "null" {
			return 0, false, nil
		}
		return 0, false, d.errorf(field, "got a boolean, want a number")
	}
	if e := d.skip(field, 1); e != nil { // keep the syntax error first
		return 0, false, e
	}
	return 0, false, d.errorf(field, "got %s, want a number", kind(c))
}

// text reads a string, or null (ok false), for field; the bytes are valid
// until the next read.
func (d *decoder) text(field string) (b []byte, ok bool, e *Error) {
	c, e := d.next(field)
	if e != nil {
		return nil, false, e
	}
	switch c {
	case '"':
		b, err := d.str()
		if err != nil {
			return nil, false, d.tokenErr(field, err)
		}
		return b, true, nil
	case 'n', 'N', 'I', 'i', '+':
		lit, e := d.literal(field) // null, or a word with a message of its own
		if e != nil {
			return nil, false, e
		}
		if lit == "null" {
			return nil, false, nil
		}
	}
	return nil, false, d.errorf(field, "got %s, want a string", kind(c))
}

// skip reads and discards one well-formed value. depth is the nesting depth
// of the object or list holding it (the top-level object is 1).
func (d *decoder) skip(field string, depth int) *Error {
	c, e := d.next(field)
	if e != nil {
		return e
	}
	switch {
	case c == '{' || c == '[':
		if depth+1 > MaxDepth {
			return d.errorf(field, "nested more than %d levels deep", MaxDepth)
		}
		d.pos++
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		c, e := d.next(field)
		if e != nil {
			return e
		}
		if c == closing {
			d.pos++
			return nil
		}
		for {
			if closing == '}' {
				if c != '"' {
					return d.syntax(field, "expected a field name in quotes, found %s", found(c))
				}
				if _, err := d.str(); err != nil {
					return d.tokenErr(field, err)
				}
				if e := d.expect(field, ':', "':' after a field name"); e != nil {
					return e
				}
			}
			if e := d.skip(field, depth+1); e != nil {
				return e
			}
			c, e = d.next(field)
			if e != nil {
				return e
			}
			d.pos++
			if c == closing {
				return nil
			}
			if c != ',' {
				return d.syntax(field, "expected ',' or '%c', found %s", closing, found(c))
			}
			if c, e = d.next(field); e != nil {
				return e
			}
		}
	case c == '"':
		if _, err := d.str(); err != nil {
			return d.tokenErr(field, err)
		}
		return nil
	case c == '-' || '0' <= c && c <= '9':
		w, err := d.word()
		if err != nil {
			return d.tokenErr(field, err)
		}
		if _, ok := number(w); !ok {
			if isNonFinite(w) {
				return d.errorf(field, "%s is not a finite number (JSON has no NaN or Infinity)", w)
			}
			return d.syntax(field, "%q is not a number", clip(string(w)))
		}
		return nil
	}
	_, e = d.literal(field)
	return e
}

// members reads the fields of an object whose '{' is next, calling fn with
// each field name once the ':' is consumed; fn must read the value. The
// name's bytes are the scanner's scratch space: fn must be done with them
// before it reads a string.
func (d *decoder) members(field string, fn func(key []byte) *Error) *Error {
	if e := d.expect(field, '{', "an object {…}"); e != nil {
		return e
	}
	c, e := d.next(field)
	if e != nil {
		return e
	}
	if c == '}' {
		d.pos++
		return nil
	}
	for {
		if c != '"' {
			return d.syntax(field, "expected a field name in quotes, found %s", found(c))
		}
		key, err := d.str()
		if err != nil {
			return d.tokenErr(field, err)
		}
		if e := d.expect(field, ':', "':' after a field name"); e != nil {
			return e
		}
		if e := fn(key); e != nil {
			return e
		}
		if c, e = d.next(field); e != nil {
			return e
		}
		d.pos++
		if c == '}' {
			return nil
		}
		if c != ',' {
			return d.syntax(field, "expected ',' or '}' after a field, found %s", found(c))
		}
		if c, e = d.next(field); e != nil {
			return e
		}
	}
}

// maxTopFields bounds the fields of the top-level object. The format has
// 11; the rest is room for later versions. Without a bound a hostile file of
// millions of distinct names would grow the duplicate check without limit.
const maxTopFields = 1000

func (d *decoder) session() (*Session, error) {
	// A UTF-8 byte-order mark, which Windows editors like to write, is
	// allowed before the object.
	if d.ensure(3) && d.buf[0] == 0xEF && d.buf[1] == 0xBB && d.buf[2] == 0xBF {
		d.pos += 3
	}
	c, ok := d.peek()
	switch {
	case !ok && d.err == io.EOF:
		return nil, d.errorf("", "empty file, not a session file")
	case !ok:
		return nil, d.ended("")
	case c == '[':
		return nil, d.errorf("", "not a session file: the top level is a list, want an object {…}")
	case c != '{':
		return nil, d.errorf("", "not a session file: it starts with %s, not '{'", found(c))
	}

	s := &Session{Number: 1}
	var format, version, template bool
	seen := map[string]bool{}
	err := d.members("", func(kb []byte) *Error {
		key := string(kb)
		if len(seen) == maxTopFields {
			return d.errorf("", "more than %d top-level fields; this is not a session file", maxTopFields)
		}
		if seen[key] {
			return d.errorf(clip(key), "appears twice")
		}
		seen[key] = true
		switch key {
		case "format":
			v, ok, e := d.text(key)
			if e != nil {
				return e
			}
			if !ok || string(v) != Format {
				return d.errorf(key, "%q is not a session file format (want %q)", clip(string(v)), Format)
			}
			format = true
		case "version":
			v, ok, e := d.num(key)
			if e != nil {
				return e
			}
			if !ok || !knownVersion(v) {
				return d.errorf(key, "%s is not a version this program reads (it reads %s); a newer trainer may have written the file", fmtNum(v, ok), knownVersionList())
			}
			version = true
		case "template", "exercise", "trainee", "app", "content_sha256", "created", "saved":
			v, ok, e := d.text(key)
			if e != nil {
				return e
			}
			str := string(v)
			switch key {
			case "template":
				s.Template, template = str, ok
			case "exercise":
				s.Exercise = str
			case "trainee":
				s.Trainee = str
			case "app":
				s.App = str
			case "content_sha256":
				s.ContentHash = str
			default:
				tm, perr := parseTime(str)
				if perr != "" {
					return d.errorf(key, "%s", perr)
				}
				if key == "created" {
					s.Created = tm
				} else {
					s.Saved = tm
				}
			}
		case "session":
			v, ok, e := d.num(key)
			if e != nil {
				return e
			}
			if ok {
				if v != math.Trunc(v) || v < 1 || v > 3 {
					return d.errorf(key, "%v is not a session number (1–3)", v)
				}
				s.Number = int(v)
			}
		case "impressions":
			ims, e := d.impressions()
			if e != nil {
				return e
			}
			s.Impressions = ims
		case designField:
			dz, e := d.design()
			if e != nil {
				return e
			}
			s.Design = dz
		case consultationField:
			c, e := d.consultation()
			if e != nil {
				return e
			}
			s.Consultation = c
		default:
			return d.skip(clip(key), 1)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if c, ok := d.peek(); ok {
		return nil, d.errorf("", "unexpected data after the session object, at line %d: %s", d.line, found(c))
	} else if d.err != io.EOF {
		return nil, d.ended("")
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

func (d *decoder) impressions() ([]impression.Impression, *Error) {
	const field = "impressions"
	c, e := d.next(field)
	if e != nil {
		return nil, e
	}
	if c == 'n' {
		if lit, e := d.literal(field); e != nil || lit != "null" {
			if e == nil {
				e = d.errorf(field, "got a boolean, want a list [...]")
			}
			return nil, e
		}
		return nil, nil
	}
	if c != '[' {
		if e := d.skip(field, 1); e != nil {
			return nil, e
		}
		return nil, d.errorf(field, "got %s, want a list [...]", kind(c))
	}
	d.pos++
	if c, e = d.next(field); e != nil {
		return nil, e
	}
	if c == ']' {
		d.pos++
		return nil, nil
	}
	// The impressions are gathered in chunks of impChunk and copied once
	// into a slice of the exact length: appending to one slice, which
	// grows by a quarter at a time when large, copied and cleared it
	// about four times over, a third of the time a 100,000-impression
	// file took to read. When the input's size is known, the chunk after
	// the first is sized for the whole list from the bytes the first one
	// took, so a file of impressions alike (what the trainer writes)
	// needs no final copy: that copy, of values holding strings, runs
	// the garbage collector's write barrier over every one when a
	// collection is under way, a tenth of the time a 100,000-impression
	// file took to read.
	var (
		done [][]impression.Impression
		cur  []impression.Impression
		n    int
	)
	start := d.consumed()
	sized := false
	for {
		if n == MaxImpressions {
			return nil, d.errorf(field, "more than %d impressions, the most a session file may hold", MaxImpressions)
		}
		im, e := d.impression(n)
		if e != nil {
			return nil, e
		}
		if len(cur) >= impChunk && len(cur) == cap(cur) {
			if !sized {
				sized = true
				if est := d.estimate(n, start); est > len(cur) {
					cur = append(make([]impression.Impression, 0, est), cur...)
				}
			}
			if len(cur) == cap(cur) {
				done = append(done, cur)
				cur = make([]impression.Impression, 0, impChunk)
			}
		}
		cur = append(cur, im)
		n++
		if c, e = d.next(field); e != nil {
			return nil, e
		}
		d.pos++
		if c == ']' {
			if len(done) == 0 {
				if sized && cap(cur)-len(cur) > len(cur)/8 {
					// Far fewer than the size promised (other fields
					// after the list): the list's own length.
					cur = slices.Clone(cur)
				}
				return cur, nil
			}
			ims := make([]impression.Impression, 0, n)
			for _, ch := range done {
				ims = append(ims, ch...)
			}
			return append(ims, cur...), nil
		}
		if c != ',' {
			return nil, d.syntax(fmt.Sprintf("impressions[%d]", n-1), "expected ',' or ']' after an impression, found %s", found(c))
		}
	}
}

// impChunk is the number of impressions gathered per chunk while reading.
const impChunk = 8192

// consumed returns the number of input bytes read and consumed so far.
func (d *decoder) consumed() int64 { return d.in.off - int64(d.end-d.pos) }

// estimate returns the number of impressions the list will hold if those
// still to come take as many bytes each as the n read since byte start
// did, with a margin, at most MaxImpressions; 0 when the input's size is
// not known.
func (d *decoder) estimate(n int, start int64) int {
	used := d.consumed() - start
	if d.size <= 0 || n <= 0 || used <= 0 {
		return 0
	}
	rest := float64(d.size-d.consumed()) / (float64(used) / float64(n))
	return int(min(float64(n)+1.02*rest+64, MaxImpressions))
}

// Bits for the impression fields, to refuse one given twice.
const (
	fX = 1 << iota
	fY
	fDiameter
	fNeedle
	fGauge
	fDepth
	fPigment
	fDilution
	fSession
	fTime
)

// impField stands for "impressions[i]" in errors until one is returned, so
// the path is only formatted for an impression that fails.
const impField = "impressions[]"

// impression reads impressions[i].
func (d *decoder) impression(i int) (_ impression.Impression, e *Error) {
	defer func() {
		if e == nil || !strings.HasPrefix(e.Field, "impressions[") {
			return
		}
		if rest, ok := strings.CutPrefix(e.Field, impField); ok {
			e.Field = fmt.Sprintf("impressions[%d]%s", i, rest)
		}
		// The trainer writes one impression per line, so the line finds
		// the impression in an editor.
		if !strings.Contains(e.Problem, "line ") {
			e.Problem += fmt.Sprintf(" (line %d)", d.line)
		}
	}()
	path := func(f string) string {
		if f == "" {
			return impField
		}
		return impField + "." + f
	}
	c, e := d.next(impField)
	if e != nil {
		return impression.Impression{}, e
	}
	if c != '{' {
		if e := d.skip(impField, 2); e != nil {
			return impression.Impression{}, e
		}
		return impression.Impression{}, d.errorf(impField, "got %s, want an object {…}", kind(c))
	}
	raw := absentImpression
	var seen uint
	num := func(bit uint, name string, dst *float64) *Error {
		if seen&bit != 0 {
			return d.errorf(path(name), "appears twice")
		}
		seen |= bit
		v, ok, e := d.num(name)
		if e != nil {
			if e.Field == name {
				e.Field = path(name)
			}
			return e
		}
		if ok {
			*dst = v
		}
		return nil
	}
	txt := func(bit uint, name string, dst *string) *Error {
		if seen&bit != 0 {
			return d.errorf(path(name), "appears twice")
		}
		seen |= bit
		v, _, e := d.text(name)
		if e != nil {
			if e.Field == name {
				e.Field = path(name)
			}
			return e
		}
		*dst = d.intern(v)
		return nil
	}
	e = d.members(impField, func(k []byte) *Error {
		switch string(k) {
		case "x_mm":
			return num(fX, "x_mm", &raw.X)
		case "y_mm":
			return num(fY, "y_mm", &raw.Y)
		case "diameter_mm":
			return num(fDiameter, "diameter_mm", &raw.Diameter)
		case "needle":
			return txt(fNeedle, "needle", &raw.Needle)
		case "gauge_mm":
			return num(fGauge, "gauge_mm", &raw.Gauge)
		case "depth":
			return txt(fDepth, "depth", &raw.Depth)
		case "pigment":
			return txt(fPigment, "pigment", &raw.Pigment)
		case "dilution":
			return num(fDilution, "dilution", &raw.Dilution)
		case "session":
			return num(fSession, "session", &raw.Session)
		case "t_s":
			return num(fTime, "t_s", &raw.TimeS)
		}
		return d.skip(path(clip(string(k))), 3)
	})
	if e != nil {
		return impression.Impression{}, e
	}
	im, missing := raw.resolve()
	if missing != "" {
		return im, d.errorf(path(missing), "missing; every impression needs x_mm and y_mm")
	}
	chk := im
	if chk.Session == 0 {
		chk.Session = 1 // absent: the file's own number, checked separately
	}
	if f, p := checkImpression(&chk, true); p != "" {
		return im, d.errorf(path(f), "%s", p)
	}
	return im, nil
}

// rawImpression is one impression as read, before defaults. Absent numbers
// stay NaN, which JSON cannot express, so "absent" and "zero" differ.
type rawImpression struct {
	X, Y, Diameter, Gauge, Dilution, Session, TimeS float64
	Needle, Depth, Pigment                          string
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

func parseTime(v string) (time.Time, string) {
	if v == "" {
		return time.Time{}, ""
	}
	tm, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Sprintf("%q is not an RFC 3339 time such as \"2026-11-23T20:15:00Z\"", clip(v))
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

func describeOSError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
