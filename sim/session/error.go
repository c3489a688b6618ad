package session

import (
	"errors"
	"strings"
)

// Error is a problem with a session file. It prints on one line as
// "FILE: FIELD: PROBLEM", for example
//
//	class/ann.json: impressions[41].x_mm: 1e999 is not a finite number
//
// File is the name given to Decode or the path given to Load, Field is a
// JSON path into the file ("" for the file as a whole), and Problem says what
// is wrong in words an instructor can act on.
type Error struct {
	File    string
	Field   string
	Problem string
	// Err is the underlying cause when there is one, such as
	// scalp.ErrUnknownTemplate, ErrTooLarge or an *fs.PathError, so callers
	// can test for it with errors.Is.
	Err error
}

// Error formats the problem on a single line: newlines and other control
// characters from the input are escaped so that one bad file is always one
// line of a class report.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Problem)
	return oneLine(b.String())
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// ErrTooLarge is the cause of the error for a file over MaxFileBytes.
var ErrTooLarge = errors.New("session file too large")

// oneLine replaces control characters with visible escapes.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case isControl(r):
			b.WriteString("\uFFFD")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isControl(r rune) bool { return r < 0x20 || (r >= 0x7f && r < 0xa0) || r == 0x2028 || r == 0x2029 }
