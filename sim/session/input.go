package session

import (
	"bytes"
	"io"
)

// tailKeep is how much of the most recently read input is kept so that an
// error can be reported by line number. 64 KiB covers hundreds of
// impressions: far more than the JSON decoder reads ahead.
const tailKeep = 64 << 10

// input wraps the reader a file is decoded from. It enforces MaxFileBytes
// (failing with ErrTooLarge rather than a confusing "unexpected end of
// JSON") and counts lines so errors can say where they are.
type input struct {
	r     io.Reader
	limit int64
	off   int64  // bytes delivered so far
	lines int64  // newlines among them
	tail  []byte // the last bytes delivered, ending at off
}

func (in *input) Read(p []byte) (int, error) {
	if room := in.limit - in.off + 1; int64(len(p)) > room {
		p = p[:room] // one byte past the limit is enough to see it is exceeded
	}
	n, err := in.r.Read(p)
	if in.off+int64(n) > in.limit {
		return 0, ErrTooLarge
	}
	in.off += int64(n)
	in.lines += int64(bytes.Count(p[:n], []byte{'\n'}))
	if len(in.tail)+n > 2*tailKeep {
		keep := max(0, tailKeep-n)
		in.tail = append(in.tail[:0], in.tail[len(in.tail)-min(keep, len(in.tail)):]...)
	}
	in.tail = append(in.tail, p[:n]...)
	if len(in.tail) > 2*tailKeep {
		in.tail = append(in.tail[:0], in.tail[len(in.tail)-tailKeep:]...)
	}
	return n, err
}

// lineAt returns the 1-based line of the first byte at or after off that is
// not white space or a comma (the start of the value the decoder was about
// to read), or 0 when that part of the input is no longer kept.
func (in *input) lineAt(off int64) int64 {
	start := in.off - int64(len(in.tail))
	if off < start || off > in.off {
		return 0
	}
	rest := in.tail[off-start:]
	i := 0
	for i < len(rest) && (rest[i] == ' ' || rest[i] == '\t' || rest[i] == '\r' || rest[i] == '\n' || rest[i] == ',') {
		i++
	}
	return in.lines - int64(bytes.Count(rest[i:], []byte{'\n'})) + 1
}
