// Package safefile opens the files a program keeps for itself (settings,
// progress marks, recovery files, a file named on the command line) as
// strictly as the session decoder reads a session: regular files only, of
// a bounded size, and every refusal is one line naming the file and the
// problem. The file is only ever read, never changed.
//
// A named pipe (FIFO) is opened without blocking and then refused, so a
// FIFO in the place of a settings file cannot hang a program at start; a
// link to a device such as /dev/zero is refused by its type before a byte
// is read, so it cannot exhaust memory.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/smptrainer/smp/sim/fileerr"
)

// Open opens path for reading if it is a regular file (after following
// links) of at most limit bytes. Errors are *fileerr.Error naming path;
// errors.Is(err, fs.ErrNotExist) reports a missing file.
func Open(path string, limit int64) (*os.File, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, &fileerr.Error{File: path, Problem: describe(err), Err: err}
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &fileerr.Error{File: path, Problem: describe(err), Err: err}
	}
	if p := kindProblem(fi.Mode()); p != "" {
		f.Close()
		return nil, &fileerr.Error{File: path, Problem: p, Err: ErrNotRegular}
	}
	if fi.Size() > limit {
		f.Close()
		return nil, &fileerr.Error{File: path, Problem: fmt.Sprintf("is %s, more than the %s this file may be", Size(fi.Size()), Size(limit)), Err: ErrTooLarge}
	}
	return f, nil
}

// ReadFile returns the contents of path, checked as Open checks it. A file
// that grows past limit while it is read is refused too.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := Open(path, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &fileerr.Error{File: path, Problem: describe(err), Err: err}
	}
	if int64(len(b)) > limit {
		return nil, &fileerr.Error{File: path, Problem: fmt.Sprintf("is more than the %s this file may be", Size(limit)), Err: ErrTooLarge}
	}
	return b, nil
}

// ErrNotRegular is wrapped by errors about a path that is not a regular
// file (a directory, a pipe, a device, a socket).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by errors about a file larger than its limit.
var ErrTooLarge = errors.New("file too large")

// kindProblem says why a file of mode m cannot be read as a kept file, or
// "" for a regular file.
func kindProblem(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "is a folder, not a file"
	case m&fs.ModeNamedPipe != 0:
		return "is a named pipe (FIFO), not a regular file"
	case m&fs.ModeSocket != 0:
		return "is a socket, not a regular file"
	case m&fs.ModeDevice != 0:
		return "is a device, not a regular file"
	}
	return "is not a regular file"
}

// describe turns an open or read error into words, without repeating the
// path (the error's File says it).
func describe(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Size formats a byte count for messages: "3 B", "12 kB", "1.5 MB".
func Size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
