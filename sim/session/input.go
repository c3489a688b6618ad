package session

import "io"

// input wraps the reader a file is decoded from and enforces a size limit,
// failing with ErrTooLarge rather than a confusing "unexpected end" when a
// file is cut off at the limit.
type input struct {
	r     io.Reader
	limit int64
	off   int64 // bytes delivered so far
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
	return n, err
}
