//go:build js

package store

// The browser edition's storage: localStorage for the page's origin, the
// keys under "smptrainer/". It is synchronous, so the trainer's code stays
// the same as on the desktop; it holds about 5 MB per origin (browsers
// differ): at about 200 bytes an impression in a session file, some
// 25,000 impressions of unsaved work in all. A full storage is a clear
// error, and the work stays in the page meanwhile. (IndexedDB holds far
// more, but only asynchronously.)

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"syscall/js"
	"time"

	"github.com/smptrainer/smp/cmd/smptrainer/internal/webfile"
	"github.com/smptrainer/smp/sim/session"
)

// keyPrefix keeps the trainer's keys apart from anything else the origin
// stores.
const keyPrefix = AppDir + "/"

// Run is one page load's claim on the browser's recoveries (shelf.go).
type Run = shelfRun

// Work is one piece of work's recovery in the browser's storage.
type Work = shelfWork

// localStorage is shelfStorage over window.localStorage.
type localStorage struct{ ls js.Value }

// openLocal returns the page's localStorage, or why there is none (a
// browser that blocks storage for the site, or a sandboxed frame).
func openLocal() (st localStorage, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the browser keeps no storage for this page: %v", r)
		}
	}()
	ls := js.Global().Get("localStorage")
	if !ls.Truthy() {
		return localStorage{}, errors.New("the browser keeps no storage for this page (localStorage is off)")
	}
	return localStorage{ls}, nil
}

func (s localStorage) Get(key string) (string, bool) {
	v := s.ls.Call("getItem", keyPrefix+key)
	if v.IsNull() || v.IsUndefined() {
		return "", false
	}
	return v.String(), true
}

func (s localStorage) Set(key, value string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(js.Error); ok && e.Get("name").String() == "QuotaExceededError" {
				err = fmt.Errorf("%s: the browser's storage for this page is full (%d kB more did not fit): download your work (Ctrl+S) and discard kept work you no longer need (Ctrl+R)", where(key), len(value)>>10)
				return
			}
			err = fmt.Errorf("%s: the browser refused to store it: %v", where(key), r)
		}
	}()
	s.ls.Call("setItem", keyPrefix+key, value)
	return nil
}

func (s localStorage) Remove(key string) { s.ls.Call("removeItem", keyPrefix+key) }

func (s localStorage) Keys() []string {
	n := s.ls.Get("length").Int()
	var out []string
	for i := range n {
		k := s.ls.Call("key", i)
		if k.IsNull() {
			continue
		}
		if key, ok := strings.CutPrefix(k.String(), keyPrefix); ok {
			out = append(out, key)
		}
	}
	return out
}

// local is the page's shelf, or why there is none.
var local, localErr = func() (*shelf, error) {
	st, err := openLocal()
	if err != nil {
		return nil, err
	}
	return &shelf{st: st, now: time.Now}, nil
}()

// StartRun takes a new run id in the browser's storage and keeps its
// heartbeat going while the page is open; closing or reloading the page
// removes the heartbeat, so the next load offers the work at once.
func StartRun(now time.Time) (*Run, error) {
	if localErr != nil {
		return nil, localErr
	}
	r, err := startShelfRun(local)
	if err != nil {
		return nil, err
	}
	go func() {
		for range time.Tick(heartbeatEvery) {
			_ = r.Beat()
		}
	}()
	js.Global().Call("addEventListener", "pagehide", js.FuncOf(func(this js.Value, args []js.Value) any {
		r.Close()
		return nil
	}))
	js.Global().Call("addEventListener", "pageshow", js.FuncOf(func(this js.Value, args []js.Value) any {
		_ = r.Beat() // back from the browser's page cache
		return nil
	}))
	return r, nil
}

// RemoveStaleTempsOf does nothing: the browser's storage writes whole.
func RemoveStaleTempsOf(path string, now time.Time) {}

// loadFile and discardFile are the desktop's recovery files'.
func (rec Recovery) loadFile() (*session.Session, error) { return nil, ErrNoFiles }
func (rec Recovery) discardFile() error                  { return ErrNoFiles }

// readKept reads one of the trainer's own records (settings.json,
// progress.json) from the browser's storage.
func readKept(name string) ([]byte, string, error) {
	if localErr != nil {
		return nil, name, fmt.Errorf("%s: %w", name, fs.ErrNotExist) // defaults, as with no file
	}
	b, err := local.read(name, maxKeptBytes)
	return b, where(name), err
}

// writeKept writes v as JSON into the browser's storage under name.
func writeKept(name string, v any) error {
	if localErr != nil {
		return localErr
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return local.st.Set(name, string(b))
}

// Folders: the browser edition saves by download (see folders.go).
const Folders = false

// Where says where a session saved as path went: the browser's downloads
// (or wherever it asked).
func Where(p string) string {
	if p == "" {
		return "your downloads"
	}
	return "your downloads as " + path.Base(p)
}

// SessionsDir is the desktop's: the browser edition has no folders.
func SessionsDir() (string, error) { return "", ErrNoFiles }

// NewNamedSessionPath returns the name new work is downloaded as:
// prefix-20260102-150405.json.
func NewNamedSessionPath(prefix string, now time.Time) (string, error) {
	return prefix + "-" + now.Format("20060102-150405") + ".json", nil
}

// SaveSession downloads s as a file named after path's last element: the
// browser saves it to its downloads folder (or asks where). s is
// validated first; nothing is downloaded if it is invalid.
func SaveSession(p string, s *session.Session) error {
	var b strings.Builder
	if err := session.Encode(&b, s); err != nil {
		return err
	}
	return webfile.Download(path.Base(p), "application/json", []byte(b.String()))
}

// LoadSession is the desktop's: the browser edition opens files through
// the browser's file chooser (package webfile) instead.
func LoadSession(path string) (*session.Session, error) {
	return nil, fmt.Errorf("%s: %w", path, ErrNoFiles)
}
