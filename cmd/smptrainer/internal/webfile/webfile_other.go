//go:build !js

package webfile

import "io/fs"

// Download is the browser edition's (see package doc).
func Download(name, mime string, data []byte) error { return ErrNotBrowser }

// Choose is the browser edition's (see package doc).
func Choose(accept string, limit int64) error { return ErrNotBrowser }

// Chosen returns nil: there is no browser file chooser here.
func Chosen() fs.FS { return nil }
