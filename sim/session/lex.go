package session

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The decoder reads JSON with its own small scanner rather than
// encoding/json. The session format is fixed and flat, so a hand-written
// reader can check each impression field by field as it streams past,
// without reflection and without buffering whole values: a file is read in
// 64 KiB pieces, and no single value (a hostile 200 MB string, a
// 100,000-deep nest) is ever held whole. It also knows where it is, so
// every error names the field and line. It accepts exactly RFC 8259 JSON;
// the fuzz target checks that everything it accepts, encoding/json accepts.

// Limits on single JSON tokens. No session field comes near them, and they
// bound the memory one token can take.
const (
	// maxStringBytes bounds any one string, keys included, after escapes.
	maxStringBytes = 1 << 20
	// maxNumberBytes bounds the text of one number.
	maxNumberBytes = 1 << 10
	// readChunk is the size of each read from the input.
	readChunk = 64 << 10
)

// scanner is the tokenising half of the decoder.
type scanner struct {
	r        io.Reader
	buf      []byte // buf[pos:end] is read but not yet consumed
	pos, end int
	line     int   // line of buf[pos], from 1
	err      error // the read error that ended the input (io.EOF at the end)
	scratch  []byte
}

// more reads more input, keeping the unconsumed bytes. It reports false
// when the input has ended (s.err says why).
func (s *scanner) more() bool {
	if s.err != nil {
		return false
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.buf == nil {
		s.buf = make([]byte, readChunk)
	}
	for range 100 { // a reader that keeps returning 0, nil is broken
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.err = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.err = io.ErrNoProgress
	return false
}

// ensure makes at least n unconsumed bytes available, if the input has
// them. n is small (≤ 12).
func (s *scanner) ensure(n int) bool {
	for s.end-s.pos < n {
		if !s.more() {
			return false
		}
	}
	return true
}

// peek skips white space and returns the next byte without consuming it;
// false at the end of the input.
func (s *scanner) peek() (byte, bool) {
	for {
		for s.pos < s.end {
			switch c := s.buf[s.pos]; c {
			case ' ', '\t', '\r':
				s.pos++
			case '\n':
				s.pos++
				s.line++
			default:
				return c, true
			}
		}
		if !s.more() {
			return 0, false
		}
	}
}

// errEnd marks a token cut off by the end of the input.
var errEnd = errors.New("end of input")

// str reads a string whose opening quote is next. The unescaped bytes are
// in s.scratch until the next call. Invalid UTF-8 is kept as it is; fields
// the session keeps are checked for it later.
func (s *scanner) str() ([]byte, error) {
	s.pos++
	s.scratch = s.scratch[:0]
	for {
		if s.pos >= s.end && !s.more() {
			return nil, errEnd
		}
		switch c := s.buf[s.pos]; {
		case c == '"':
			s.pos++
			return s.scratch, nil
		case c == '\\':
			if err := s.escape(); err != nil {
				return nil, err
			}
		case c < 0x20:
			if c == '\n' {
				return nil, errors.New("a string runs past the end of its line (missing closing quote?)")
			}
			return nil, fmt.Errorf("control character %#02x inside a string", c)
		default:
			j := s.pos + 1
			for j < s.end {
				if c := s.buf[j]; c == '"' || c == '\\' || c < 0x20 {
					break
				}
				j++
			}
			s.scratch = append(s.scratch, s.buf[s.pos:j]...)
			s.pos = j
		}
		if len(s.scratch) > maxStringBytes {
			return nil, fmt.Errorf("a string longer than %d KiB", maxStringBytes>>10)
		}
	}
}

// escape decodes one backslash escape.
func (s *scanner) escape() error {
	if !s.ensure(2) {
		return errEnd
	}
	c := s.buf[s.pos+1]
	if r := simpleEscape(c); r != 0 {
		s.scratch = append(s.scratch, r)
		s.pos += 2
		return nil
	}
	if c != 'u' {
		return fmt.Errorf("invalid escape \\%c in a string", printable(c))
	}
	r, ok := s.hex4(s.pos + 2)
	if !ok {
		return errors.New("invalid \\u escape in a string")
	}
	s.pos += 6
	if utf16.IsSurrogate(r) {
		// A pair \uD83D\uDE00 is one character; a lone half becomes
		// U+FFFD, as encoding/json does.
		if s.ensure(6) && s.buf[s.pos] == '\\' && s.buf[s.pos+1] == 'u' {
			if r2, ok := s.hex4(s.pos + 2); ok {
				if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
					s.scratch = utf8.AppendRune(s.scratch, d)
					s.pos += 6
					return nil
				}
			}
		}
		r = utf8.RuneError
	}
	s.scratch = utf8.AppendRune(s.scratch, r)
	return nil
}

// simpleEscape returns the byte the one-letter escape \c stands for, or 0.
func simpleEscape(c byte) byte {
	switch c {
	case '"', '\\', '/':
		return c
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return 0
}

// hex4 reads the four hex digits at buf[i:].
func (s *scanner) hex4(i int) (rune, bool) {
	for s.end-i < 4 {
		off := i - s.pos
		if !s.more() {
			return 0, false
		}
		i = s.pos + off
	}
	var r rune
	for _, c := range s.buf[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// isWordByte reports bytes that can continue a number or a bare word.
func isWordByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '.' || c == '+' || c == '-' || c == '_'
}

// word reads a run of word bytes: a number or a literal such as true. The
// bytes are valid until the next call.
func (s *scanner) word() ([]byte, error) {
	i := s.pos
	for {
		for i < s.end && isWordByte(s.buf[i]) {
			i++
			if i-s.pos > maxNumberBytes {
				return nil, fmt.Errorf("a number or word longer than %d bytes", maxNumberBytes)
			}
		}
		if i < s.end {
			break
		}
		off := i - s.pos
		ok := s.more()
		i = s.pos + off // more moves the unconsumed bytes to the buffer's start
		if !ok {
			// A session is one object, so a number or word that runs to
			// the end of the input was cut off (or the read failed): the
			// caller reports "truncated" or the read error, never the
			// partial word.
			return nil, errEnd
		}
	}
	w := s.buf[s.pos:i]
	s.pos = i
	return w, nil
}

// number parses w as a JSON number, strictly: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
//
// While it checks the syntax it gathers the decimal digits, so the common
// case (at most 19 significant digits forming a mantissa below 2⁵³, and a
// power of ten within ±22) is converted exactly without strconv: both the
// mantissa and the power of ten are exact float64 values, so one IEEE
// multiplication or division rounds correctly, giving the same bits as
// strconv.ParseFloat (Clinger's fast path). Everything else goes to
// strconv.ParseFloat.
func number(w []byte) (float64, bool) {
	i, n := 0, len(w)
	var mant uint64
	nd := 0        // significant digits gathered into mant
	exp := 0       // power of ten to apply to mant
	trunc := false // digits beyond what mant can hold
	digits := func(frac bool) int {
		j := i
		for i < n && '0' <= w[i] && w[i] <= '9' {
			d := uint64(w[i] - '0')
			switch {
			case nd == 0 && d == 0:
				// A leading zero carries no significance.
				if frac {
					exp--
				}
			case nd < 19:
				mant = mant*10 + d
				nd++
				if frac {
					exp--
				}
			default:
				trunc = true
				if !frac {
					exp++
				}
			}
			i++
		}
		return i - j
	}
	neg := false
	if i < n && w[i] == '-' {
		neg = true
		i++
	}
	switch {
	case i < n && w[i] == '0':
		i++
	case digits(false) == 0:
		return 0, false
	}
	if i < n && w[i] == '.' {
		i++
		if digits(true) == 0 {
			return 0, false
		}
	}
	if i < n && (w[i] == 'e' || w[i] == 'E') {
		i++
		eneg := false
		if i < n && (w[i] == '+' || w[i] == '-') {
			eneg = w[i] == '-'
			i++
		}
		e, j := 0, i
		for i < n && '0' <= w[i] && w[i] <= '9' {
			if e < 10000 {
				e = e*10 + int(w[i]-'0')
			}
			i++
		}
		if i == j {
			return 0, false
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if i != n {
		return 0, false
	}
	if !trunc && mant < 1<<53 && exp >= -22 && exp <= 22 {
		f := float64(mant)
		if exp < 0 {
			f /= pow10[-exp]
		} else {
			f *= pow10[exp]
		}
		if neg {
			f = -f
		}
		return f, true
	}
	f, _ := strconv.ParseFloat(string(w), 64) // overflow gives ±Inf, which callers refuse
	return f, true
}

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// printable returns c, or '?' for bytes that would garble a message.
func printable(c byte) rune {
	if c < 0x20 || c >= 0x7f {
		return '?'
	}
	return rune(c)
}
