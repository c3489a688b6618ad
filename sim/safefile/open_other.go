//go:build !unix

package safefile

import "os"

// openNonBlocking opens path read-only. Without Unix FIFOs there is
// nothing an open could wait on; a path that is not a regular file is
// refused by its type after opening.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }
