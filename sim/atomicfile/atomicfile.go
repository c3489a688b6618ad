// Package atomicfile replaces a file's contents all at once: a reader sees
// either the old file or the new one, never a half-written mix, and a save
// that fails part-way leaves the old file as it was.
//
// Write goes through a temporary file in the same directory (so the final
// rename never crosses a file system), flushes it to disk with fsync, renames
// it over the target and then, where the platform allows, fsyncs the
// directory so the rename itself survives a power cut.
//
// Platforms. On Unix, rename(2) replaces the target atomically. On Windows,
// os.Rename has called MoveFileEx with MOVEFILE_REPLACE_EXISTING since
// Go 1.5, so it also replaces an existing file; it is atomic on NTFS for a
// same-volume rename, but it fails (and Write returns the error, with the old
// file intact) while another program holds the target open without
// FILE_SHARE_DELETE. Windows cannot fsync a directory, so that step is
// skipped there. On js/wasm and other platforms without fsync, Sync errors
// of the "not supported" kind are ignored.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
)

// newFileMode is the permission of a file that did not exist before: readable
// by everyone, writable by the owner, as a text editor would create it. An
// existing file keeps its own permission bits.
const newFileMode fs.FileMode = 0o644

// Write replaces the file at path with whatever write writes.
//
// The temporary file is created next to path, named ".NAME.tmp-*", and is
// removed on every failure, including a panic in write (it propagates after
// the clean-up). If path is a symbolic link, the file it points to is
// replaced and the link is kept. The error names the path.
func Write(path string, write func(io.Writer) error) (err error) {
	target := path
	if resolved, rerr := filepath.EvalSymlinks(path); rerr == nil {
		target = resolved
	}
	mode := newFileMode
	if fi, serr := os.Stat(target); serr == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s: not a regular file", path)
		}
		mode = fi.Mode().Perm()
	}

	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return failed(path, "", err)
	}
	tmpName := tmp.Name()
	committed := false
	defer func() {
		// Runs on error returns and on panics alike, so no temp file is
		// ever left behind and the old file is never touched.
		if !committed {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()

	if err := write(tmp); err != nil {
		return failed(path, "", err)
	}
	if err := syncFile(tmp); err != nil {
		return failed(path, "flushing to disk", err)
	}
	if err := tmp.Chmod(mode); err != nil && !unsupported(err) {
		return failed(path, "", err)
	}
	if err := tmp.Close(); err != nil {
		return failed(path, "", err)
	}
	if err := os.Rename(tmpName, target); err != nil {
		return failed(path, "", err)
	}
	committed = true
	// The new contents are in place. A failure to fsync the directory
	// only weakens durability across a power cut, and reporting it as a
	// failed save would be false (the file is saved), so it is ignored.
	syncDir(dir)
	return nil
}

// failed returns the error of a failed Write: "PATH: CAUSE", or "PATH:
// WHAT: CAUSE". An operating-system error is reduced to its cause, since
// the temporary file it names means nothing to the user and the path is
// already said; errors.Is still sees the cause (fs.ErrPermission, …).
func failed(path, what string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	if what != "" {
		return fmt.Errorf("%s: %s: %w", path, what, err)
	}
	return fmt.Errorf("%s: %w", path, err)
}

// WriteFile is Write for contents already in memory.
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

func syncFile(f *os.File) error {
	if err := f.Sync(); err != nil && !unsupported(err) {
		return err
	}
	return nil
}

func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return // directories cannot be opened for fsync on Windows
	}
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

// unsupported reports errors meaning "this file system or platform cannot do
// that", which Write tolerates for fsync and chmod.
func unsupported(err error) bool {
	return errors.Is(err, errors.ErrUnsupported) || errors.Is(err, syscall.EINVAL) ||
		errors.Is(err, syscall.ENOTSUP)
}
