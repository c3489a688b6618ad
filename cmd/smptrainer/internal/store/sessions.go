package store

import "github.com/smptrainer/smp/sim/session"

// LoadSession reads and validates the session file at path; errors name
// the file and the problem.
func LoadSession(path string) (*session.Session, error) { return session.Load(path) }

// SaveSession writes s to path atomically: a failed save leaves the old
// file as it was.
func SaveSession(path string, s *session.Session) error { return session.Save(path, s) }
