package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/smptrainer/smp/sim/session"
)

// RecoveryFile is the autosave file's name in the data folder.
const RecoveryFile = "recovery.json"

// recoveryPath returns DataDir()/recovery.json, creating the folder.
func recoveryPath() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(d, 0o755); err != nil {
		return "", err
	}
	return filepath.Join(d, RecoveryFile), nil
}

// SaveRecovery keeps s, unsaved work, in the recovery file.
func SaveRecovery(s *session.Session) error {
	p, err := recoveryPath()
	if err != nil {
		return err
	}
	return SaveSession(p, s)
}

// LoadRecovery reads the recovery file; a missing one is (nil, nil).
func LoadRecovery() (*session.Session, error) {
	p, err := recoveryPath()
	if err != nil {
		return nil, err
	}
	s, err := LoadSession(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return s, err
}

// RemoveRecovery deletes the recovery file once the work is saved or
// discarded.
func RemoveRecovery() {
	if p, err := recoveryPath(); err == nil {
		_ = os.Remove(p)
	}
}
