//go:build !unix && !js

package store

import "os"

// lockFile does nothing where there is no flock: every other run's
// recoveries are then offered, as if it had ended. Offering too much
// loses nothing; a running instance keeps writing its own files.
func lockFile(f *os.File) error { return nil }

// runAlive reports false: see lockFile.
func runAlive(path string) bool { return false }
