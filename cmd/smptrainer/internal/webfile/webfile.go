// Package webfile is the browser edition's door to the trainee's own
// files: Download hands a file to the browser to save (its downloads
// folder, or wherever it asks), Choose opens the browser's file chooser,
// and Chosen delivers the chosen file on a later tick, as the window's
// file drop does (an fs.FS holding the one file). On the desktop the
// trainer has folders of its own (package store) and these do nothing.
package webfile

import (
	"errors"
	"io"
	"io/fs"
	"time"
)

// ErrNotBrowser is returned by Download and Choose outside a browser.
var ErrNotBrowser = errors.New("only the browser edition downloads files or opens the browser's file chooser")

// oneFile is an fs.FS holding a single chosen file, or the reason it
// could not be read (Open returns it, naming the file).
type oneFile struct {
	name    string
	data    []byte
	modTime time.Time
	err     error
}

// Open implements fs.FS.
func (f *oneFile) Open(name string) (fs.File, error) {
	switch {
	case name == ".":
		return &dirFile{f: f}, nil
	case name != f.name:
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	case f.err != nil:
		return nil, &fs.PathError{Op: "open", Path: name, Err: f.err}
	}
	return &openFile{f: f}, nil
}

// ReadDir implements fs.ReadDirFS: the root lists the one file.
func (f *oneFile) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return []fs.DirEntry{fs.FileInfoToDirEntry(info{f})}, nil
}

type info struct{ f *oneFile }

func (i info) Name() string       { return i.f.name }
func (i info) Size() int64        { return int64(len(i.f.data)) }
func (i info) Mode() fs.FileMode  { return 0o444 }
func (i info) ModTime() time.Time { return i.f.modTime }
func (i info) IsDir() bool        { return false }
func (i info) Sys() any           { return nil }

type openFile struct {
	f   *oneFile
	off int
}

func (o *openFile) Stat() (fs.FileInfo, error) { return info{o.f}, nil }
func (o *openFile) Close() error               { return nil }
func (o *openFile) Read(p []byte) (int, error) {
	if o.off >= len(o.f.data) {
		return 0, io.EOF
	}
	n := copy(p, o.f.data[o.off:])
	o.off += n
	return n, nil
}

type dirFile struct{ f *oneFile }

func (d *dirFile) Stat() (fs.FileInfo, error) { return dirInfo{}, nil }
func (d *dirFile) Close() error               { return nil }
func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: ".", Err: errors.New("is a directory")}
}

type dirInfo struct{}

func (dirInfo) Name() string       { return "." }
func (dirInfo) Size() int64        { return 0 }
func (dirInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o555 }
func (dirInfo) ModTime() time.Time { return time.Time{} }
func (dirInfo) IsDir() bool        { return true }
func (dirInfo) Sys() any           { return nil }
