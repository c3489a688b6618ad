// Package fileerr is the error every reader of a data file reports: one line
// that names the file, the field and the problem, such as
//
//	class/ann.json: impressions[41].x_mm: 1e999 is not a finite number
//
// Session files, templates, exercises and palettes all use it, so an
// instructor reads every refusal the same way and a class report keeps one
// bad file to one line.
package fileerr

import (
	"fmt"
	"strings"
)

// Error is a problem with one file.
type Error struct {
	// File is the name the reader was given: a path, or a name inside an
	// embedded file system.
	File string
	// Field is a JSON path into the file, "" for the file as a whole.
	Field string
	// Problem says what is wrong in words a user can act on.
	Problem string
	// Err is the underlying cause when there is one, so callers can test
	// for it with errors.Is.
	Err error
}

// New returns an *Error whose problem is formatted as by fmt.Sprintf.
func New(file, field, format string, a ...any) *Error {
	return &Error{File: file, Field: field, Problem: fmt.Sprintf(format, a...)}
}

// Error formats the problem as "FILE: FIELD: PROBLEM" ("FILE: PROBLEM" for
// the whole file) on a single line: control characters from the input are
// escaped, since a file name or a quoted value may hold a newline.
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
	return OneLine(b.String())
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// OneLine replaces line breaks and other control characters with visible
// escapes, so that text from a file always prints as one line.
func OneLine(s string) string {
	if !strings.ContainsFunc(s, IsControl) {
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
		case IsControl(r):
			b.WriteString("\uFFFD")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// IsControl reports whether r is a C0 or C1 control character or a Unicode
// line or paragraph separator: anything that could break a line or hide
// text on a terminal.
func IsControl(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r < 0xa0) || r == 0x2028 || r == 0x2029
}
