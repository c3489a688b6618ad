//go:build !js

package store

// Recovery on the desktop: files in the data folder (see recovery.go).

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/smptrainer/smp/sim/atomicfile"
	"github.com/smptrainer/smp/sim/safefile"
	"github.com/smptrainer/smp/sim/session"
)

// legacyRecovery is the single recovery file of trainers before one per
// piece of work; a kept one is still offered.
const legacyRecovery = "recovery.json"

// tempGrace is how old a temporary file left by an interrupted atomic
// write must be before a new run removes it: older than any write takes,
// so a file another running instance is writing right now is never
// removed.
const tempGrace = time.Minute

// maxTargetBytes bounds a .target file (one path).
const maxTargetBytes = 64 << 10

// Run is one run of the trainer's claim on the recovery folder.
type Run struct {
	dir  string
	id   string
	lock *os.File

	mu  sync.Mutex
	seq int
}

// StartRun creates the recovery folder, takes a new run id and its lock,
// and removes temporary files that interrupted writes of earlier runs left
// in the data, sessions and recovery folders. It fails where there is no
// file system (ErrNoFiles) or the folder cannot be made; the trainer then
// works without autosave and says so.
func StartRun(now time.Time) (*Run, error) {
	data, err := DataDir()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(data, RecoveryDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating the recovery folder: %w", err)
	}
	var rnd [3]byte
	_, _ = rand.Read(rnd[:])
	r := &Run{dir: dir, id: fmt.Sprintf("%s-%d-%s", now.UTC().Format("20060102T150405"), os.Getpid(), hex.EncodeToString(rnd[:]))}
	lock, err := os.OpenFile(r.lockPath(r.id), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("creating the run's lock in %s: %w", dir, err)
	}
	if err := lockFile(lock); err != nil {
		lock.Close()
		os.Remove(lock.Name())
		return nil, fmt.Errorf("locking %s: %w", lock.Name(), err)
	}
	r.lock = lock
	for _, d := range []string{data, filepath.Join(data, "sessions"), dir} {
		removeStaleTemps(d, ".", now.Add(-tempGrace))
	}
	return r, nil
}

// Close releases the run's lock, leaving its recovery files for the next
// run to offer. It is what happens anyway when the process ends.
func (r *Run) Close() {
	if r == nil || r.lock == nil {
		return
	}
	name := r.lock.Name()
	r.lock.Close()
	r.lock = nil
	// With no recovery left the lock file has no use; with some, the next
	// run removes it once it has offered them.
	if !r.hasFiles(r.id) {
		os.Remove(name)
	}
}

func (r *Run) lockPath(id string) string { return filepath.Join(r.dir, id+".lock") }

// hasFiles reports whether run id has recovery or target files left.
func (r *Run) hasFiles(id string) bool {
	m, _ := filepath.Glob(filepath.Join(r.dir, id+"-*"))
	return len(m) > 0
}

// RemoveStaleTempsOf removes the temporary files a killed save of path
// left beside it (".NAME.tmp-*", older than a minute before now): for a
// session file outside the data folder, named on the command line.
func RemoveStaleTempsOf(path string, now time.Time) {
	if path == "" {
		return
	}
	removeStaleTemps(filepath.Dir(path), "."+filepath.Base(path)+".tmp-", now.Add(-tempGrace))
}

// removeStaleTemps removes atomicfile's temporary files (".NAME.tmp-*")
// in dir whose names start with prefix, last changed before cutoff: what
// a killed write left behind.
func removeStaleTemps(dir, prefix string, cutoff time.Time) {
	des, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, de := range des {
		n := de.Name()
		if !strings.HasPrefix(n, prefix) || !strings.HasPrefix(n, ".") || !strings.Contains(n, ".tmp-") || !de.Type().IsRegular() {
			continue
		}
		if fi, err := de.Info(); err == nil && fi.ModTime().Before(cutoff) {
			os.Remove(filepath.Join(dir, n))
		}
	}
}

// Work is one piece of work's recovery slot in a run.
type Work struct {
	run  *Run
	base string // recovery/ID-N, without extension

	mu    sync.Mutex
	wrote string // the target last written to base.target
}

// NewWork returns a recovery slot for a new piece of work. On a nil Run
// (no file system) it returns nil, and a nil *Work saves nothing.
func (r *Run) NewWork() *Work {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	r.seq++
	n := r.seq
	r.mu.Unlock()
	return &Work{run: r, base: filepath.Join(r.dir, r.id+"-"+strconv.Itoa(n))}
}

// Save writes s as this work's recovery file, atomically: a kill at any
// moment leaves the previous recovery or the new one, never half of one.
// target is the file the work is saved to, "" for work not saved anywhere
// yet; it is kept beside the recovery so that restored work saves back to
// it.
func (w *Work) Save(target string, s *session.Session) error {
	if w == nil {
		return ErrNoFiles
	}
	if target != "" {
		if abs, err := filepath.Abs(target); err == nil {
			target = abs
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if target != w.wrote {
		if target == "" {
			os.Remove(w.base + ".target")
		} else if err := atomicfile.WriteFile(w.base+".target", []byte(target+"\n")); err != nil {
			return err
		}
		w.wrote = target
	}
	return session.Save(w.base+".json", s)
}

// Remove deletes this work's recovery (after a save, or when the trainee
// discards the work); nobody else's is touched.
func (w *Work) Remove() {
	if w == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	os.Remove(w.base + ".json")
	os.Remove(w.base + ".target")
	w.wrote = ""
}

// Path returns the work's recovery file (which may not exist yet).
func (w *Work) Path() string {
	if w == nil {
		return ""
	}
	return w.base + ".json"
}

// Kept lists the recoveries on offer, newest first: those of runs that
// have ended, the legacy recovery.json, and this run's own except
// current's. Unreadable recovery files are renamed aside to NAME.damaged
// and each is reported by one error naming it.
func (r *Run) Kept(current *Work) ([]Recovery, []error) {
	if r == nil {
		return nil, nil
	}
	des, err := os.ReadDir(r.dir)
	if err != nil {
		return nil, []error{fmt.Errorf("listing %s: %w", r.dir, err)}
	}
	var (
		out   []Recovery
		errs  []error
		alive = map[string]bool{r.id: true}
	)
	isAlive := func(id string) bool {
		a, ok := alive[id]
		if !ok {
			a = runAlive(r.lockPath(id))
			alive[id] = a
		}
		return a
	}
	for _, de := range des {
		name := de.Name()
		if !strings.HasSuffix(name, ".json") || strings.HasPrefix(name, ".") {
			continue
		}
		id, ok := runOf(name)
		if !ok {
			continue // not ours to judge
		}
		p := filepath.Join(r.dir, name)
		if id == r.id && current != nil && p == current.Path() {
			continue
		}
		if id != r.id && isAlive(id) {
			continue // another trainer is running and autosaving it
		}
		rec, err := readRecovery(p)
		if err != nil {
			errs = append(errs, putAside(p, err))
			continue
		}
		if rec.Impressions == 0 {
			continue // nothing to offer or to lose
		}
		out = append(out, rec)
	}
	if p := filepath.Join(filepath.Dir(r.dir), legacyRecovery); exists(p) {
		if rec, err := readRecovery(p); err != nil {
			errs = append(errs, putAside(p, err))
		} else if rec.Impressions > 0 {
			out = append(out, rec)
		}
	}
	r.removeDeadLocks(alive)
	slices.SortFunc(out, func(a, b Recovery) int {
		if c := b.Saved.Compare(a.Saved); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
	return out, errs
}

// removeDeadLocks removes the lock files of ended runs with no recovery
// left. A lock file younger than tempGrace is kept: its run may have just
// created it and not yet locked it.
func (r *Run) removeDeadLocks(alive map[string]bool) {
	locks, _ := filepath.Glob(filepath.Join(r.dir, "*.lock"))
	for _, l := range locks {
		id := strings.TrimSuffix(filepath.Base(l), ".lock")
		if id == r.id || r.hasFiles(id) {
			continue
		}
		fi, err := os.Stat(l)
		if err != nil || time.Since(fi.ModTime()) < tempGrace {
			continue
		}
		if a, ok := alive[id]; (ok && !a) || (!ok && !runAlive(l)) {
			os.Remove(l)
		}
	}
}

// readRecovery reads a recovery file and its .target, strictly.
func readRecovery(p string) (Recovery, error) {
	s, err := LoadSession(p)
	if err != nil {
		return Recovery{}, err
	}
	fi, err := os.Stat(p)
	if err != nil {
		return Recovery{}, err
	}
	rec := Recovery{Path: p, Template: s.Template, Impressions: len(s.Impressions), Saved: s.Saved}
	if rec.Saved.IsZero() {
		rec.Saved = fi.ModTime()
	}
	b, err := safefile.ReadFile(strings.TrimSuffix(p, ".json")+".target", maxTargetBytes)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return Recovery{}, err
	default:
		rec.Target = strings.TrimSpace(string(b))
		if tfi, err := os.Stat(rec.Target); err == nil && tfi.ModTime().After(fi.ModTime()) {
			rec.TargetNewer = true
		}
	}
	return rec, nil
}

// putAside renames a damaged recovery file to NAME.damaged (a numbered
// name if that is taken) so that it is neither offered again nor ever
// written over, and returns one error naming both.
func putAside(p string, cause error) error {
	aside := p + ".damaged"
	for i := 2; exists(aside); i++ {
		aside = fmt.Sprintf("%s.damaged-%d", p, i)
	}
	if err := os.Rename(p, aside); err != nil {
		return fmt.Errorf("damaged recovery file (left where it is): %v", cause)
	}
	if t := strings.TrimSuffix(p, ".json") + ".target"; exists(t) {
		os.Rename(t, aside+".target")
	}
	return fmt.Errorf("damaged recovery file, kept aside as %s: %v", filepath.Base(aside), cause)
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// loadFile reads a recovery file.
func (rec Recovery) loadFile() (*session.Session, error) { return LoadSession(rec.Path) }

// discardFile deletes a recovery file and its .target.
func (rec Recovery) discardFile() error {
	if err := os.Remove(rec.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	os.Remove(strings.TrimSuffix(rec.Path, ".json") + ".target")
	return nil
}
