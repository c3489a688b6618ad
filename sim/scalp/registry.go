package scalp

import (
	"errors"
	"fmt"
	"github.com/smptrainer/smp/sim/fileerr"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/smptrainer/smp/assets"
)

// Dir is the folder of assets.FS that holds the template parameter files,
// one *.json file per template (README.md and anything else is ignored).
const Dir = "templates"

// ErrUnknownTemplate is wrapped by the error Lookup returns for an id that
// names no template, so callers can test for it with errors.Is.
var ErrUnknownTemplate = errors.New("unknown scalp template")

// registry is the embedded template set, built once on first use: building
// a template samples a few hundred azimuths per curve, cheap but not free,
// and most programs use only a few templates.
var registry struct {
	once sync.Once
	byID map[string]*Template
	all  []*Template // sorted by id
	err  error       // every file that failed, joined; nil when all loaded
	bad  map[string]error
}

func loadRegistry() {
	registry.byID = map[string]*Template{}
	registry.bad = map[string]error{}
	ts, errs := loadDir(assets.FS, Dir)
	for _, t := range ts {
		registry.byID[t.ID] = t
		registry.all = append(registry.all, t)
	}
	for _, e := range errs {
		if e.id != "" {
			registry.bad[e.id] = e.err
		}
		registry.err = errors.Join(registry.err, e.err)
	}
}

// Lookup returns the embedded template with the given id. The template is
// shared: callers must treat it as read-only.
//
// An id that names no template gives an error wrapping ErrUnknownTemplate
// that names the id and lists the known ones; a template whose file failed
// to load gives an error wrapping both ErrUnknownTemplate and that file's
// *FileError.
func Lookup(id string) (*Template, error) {
	registry.once.Do(loadRegistry)
	if t, ok := registry.byID[id]; ok {
		return t, nil
	}
	if err, ok := registry.bad[id]; ok {
		return nil, fmt.Errorf("%w %q: %w", ErrUnknownTemplate, id, err)
	}
	return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownTemplate, id, strings.Join(IDs(), ", "))
}

// All returns every embedded template that loaded, sorted by id. The
// templates are shared and read-only; the slice is the caller's own.
func All() []*Template {
	registry.once.Do(loadRegistry)
	return append([]*Template(nil), registry.all...)
}

// IDs returns the ids of every embedded template that loaded, sorted.
func IDs() []string {
	registry.once.Do(loadRegistry)
	ids := make([]string, len(registry.all))
	for i, t := range registry.all {
		ids[i] = t.ID
	}
	return ids
}

// LoadError reports every embedded template file that failed to parse,
// build or validate, joined; nil when all loaded. The trainer and the
// grader can show it once at start-up; tests require it to be nil.
func LoadError() error {
	registry.once.Do(loadRegistry)
	return registry.err
}

// LoadFS parses and builds every *.json template file in dir of fsys,
// sorted by id. It returns the templates that loaded and, joined, the
// errors of those that did not (each naming its file), so one bad file
// does not hide the others. Two files with the same id are an error.
func LoadFS(fsys fs.FS, dir string) ([]*Template, error) {
	ts, errs := loadDir(fsys, dir)
	var err error
	for _, e := range errs {
		err = errors.Join(err, e.err)
	}
	return ts, err
}

// loadError is a file that failed to load, with the template id it claimed
// when it got far enough to name one, so Lookup of that id can say why.
type loadError struct {
	id  string
	err error
}

func loadDir(fsys fs.FS, dir string) ([]*Template, []loadError) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, []loadError{{err: fmt.Errorf("scalp templates: %w", err)}}
	}
	var (
		ts   []*Template
		errs []loadError
		seen = map[string]string{}
	)
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		name := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, loadError{err: &FileError{File: name, Problem: err.Error(), Err: err}})
			continue
		}
		t, id, err := parse(data, name)
		if err != nil {
			errs = append(errs, loadError{id, err})
			continue
		}
		if prev, dup := seen[t.ID]; dup {
			errs = append(errs, loadError{t.ID, fileerr.New(name, "id", "%q is already used by %s", t.ID, prev)})
			continue
		}
		seen[t.ID] = name
		ts = append(ts, t)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].ID < ts[j].ID })
	return ts, errs
}

// FileError is a problem with one template parameter file. It prints as
// "FILE: FIELD: PROBLEM" like the session and exercise errors; File is the
// path inside assets.FS, or whatever name the caller passed to Parse.
type FileError = fileerr.Error
