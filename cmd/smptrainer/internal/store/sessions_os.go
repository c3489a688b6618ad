//go:build !js

package store

import (
	"github.com/smptrainer/smp/sim/safefile"
	"github.com/smptrainer/smp/sim/session"
)

// LoadSession reads and validates the session file at path. Only a regular
// file is read (a named pipe on the command line is refused at once rather
// than waited on); errors name the file and the problem, and
// errors.Is(err, fs.ErrNotExist) reports a missing file.
func LoadSession(path string) (*session.Session, error) {
	f, err := safefile.Open(path, session.MaxFileBytes)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return session.Decode(f, path)
}

// SaveSession writes s to path atomically: a failed save leaves the old
// file as it was.
func SaveSession(path string, s *session.Session) error { return session.Save(path, s) }
