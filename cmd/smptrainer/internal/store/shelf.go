package store

// The shelf: what the browser edition keeps in the browser's storage, and
// its recovery rules (recovery.go's, over keys instead of files). The
// storage itself is browser_js.go's localStorage; a map stands in for it
// in the tests, so these rules are tested without a browser.

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/smptrainer/smp/sim/session"
)

// shelfStorage is a browser's key–value storage for one origin, as
// localStorage offers it: string keys and values, each write whole.
type shelfStorage interface {
	// Get returns the value of key and whether there is one.
	Get(key string) (string, bool)
	// Set writes key's value; it fails when the storage is full.
	Set(key, value string) error
	// Remove deletes key (nothing when there is none).
	Remove(key string)
	// Keys lists the keys.
	Keys() []string
}

// shelf is the trainer's part of a browser storage.
type shelf struct {
	st  shelfStorage
	now func() time.Time
}

// Heartbeats tell a running tab's recoveries from those of a tab that has
// gone: a run rewrites its heartbeat every heartbeatEvery, and a run whose
// heartbeat is older than staleAfter has ended (a tab that is closed or
// reloaded removes its heartbeat at once; only a crashed one waits). Chrome
// runs a hidden tab's timers as seldom as once a minute, so staleAfter is
// more than that: a hidden tab's work is never offered to another tab
// while it still runs.
const (
	heartbeatEvery = 5 * time.Second
	staleAfter     = 90 * time.Second
)

// where names a key in messages, as a path names a file.
func where(key string) string { return "browser storage: " + key }

// read returns key's value, or an error naming it that wraps
// fs.ErrNotExist when there is none.
func (sh *shelf) read(key string, limit int) ([]byte, error) {
	v, ok := sh.st.Get(key)
	switch {
	case !ok:
		return nil, fmt.Errorf("%s: %w", where(key), fs.ErrNotExist)
	case len(v) > limit:
		return nil, fmt.Errorf("%s: %d bytes, more than the %d it may hold", where(key), len(v), limit)
	}
	return []byte(v), nil
}

// loadSession reads and validates the session kept at key.
func (sh *shelf) loadSession(key string) (*session.Session, error) {
	b, err := sh.read(key, session.MaxFileBytes)
	if err != nil {
		return nil, err
	}
	return session.Decode(bytes.NewReader(b), where(key))
}

// saveSession writes s at key; an invalid s is refused before anything
// is written, and a full storage leaves the old value as it was.
func (sh *shelf) saveSession(key string, s *session.Session) error {
	var b strings.Builder
	if err := session.Encode(&b, s); err != nil {
		return err
	}
	return sh.st.Set(key, b.String())
}

// discard deletes the recovery at key (ID-N.json) and its target.
func (sh *shelf) discard(key string) error {
	sh.st.Remove(key)
	sh.st.Remove(targetKey(key))
	return nil
}

// targetKey is the key naming the file a recovery's work belongs to.
func targetKey(recoveryKey string) string {
	return strings.TrimSuffix(recoveryKey, ".json") + ".target"
}

// putAside moves a damaged recovery to KEY.damaged (numbered if taken) so
// that it is neither offered again nor ever written over, and returns one
// error naming both.
func (sh *shelf) putAside(key string, cause error) error {
	v, _ := sh.st.Get(key)
	aside := key + ".damaged"
	for i := 2; ; i++ {
		if _, taken := sh.st.Get(aside); !taken {
			break
		}
		aside = fmt.Sprintf("%s.damaged-%d", key, i)
	}
	if err := sh.st.Set(aside, v); err != nil {
		return fmt.Errorf("damaged recovery (left where it is): %v", cause)
	}
	sh.st.Remove(key)
	if t, ok := sh.st.Get(targetKey(key)); ok {
		if sh.st.Set(aside+".target", t) == nil {
			sh.st.Remove(targetKey(key))
		}
	}
	return fmt.Errorf("damaged recovery, kept aside as %s: %v", aside, cause)
}

// shelfRun is one run (one page load) of the browser edition's claim on
// the shelf's recoveries: Run there.
type shelfRun struct {
	sh *shelf
	id string

	mu  sync.Mutex
	seq int
}

// startShelfRun takes a new run id and writes its first heartbeat.
func startShelfRun(sh *shelf) (*shelfRun, error) {
	var rnd [4]byte
	_, _ = rand.Read(rnd[:])
	r := &shelfRun{sh: sh, id: sh.now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(rnd[:])}
	if err := r.Beat(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *shelfRun) heartbeatKey(id string) string { return RecoveryDir + "/" + id + ".alive" }

// Beat writes the run's heartbeat: it is running now.
func (r *shelfRun) Beat() error {
	return r.sh.st.Set(r.heartbeatKey(r.id), strconv.FormatInt(r.sh.now().UnixMilli(), 10))
}

// alive reports whether run id's heartbeat is recent.
func (r *shelfRun) alive(id string) bool {
	v, ok := r.sh.st.Get(r.heartbeatKey(id))
	if !ok {
		return false
	}
	ms, err := strconv.ParseInt(v, 10, 64)
	return err == nil && r.sh.now().Sub(time.UnixMilli(ms)) < staleAfter
}

// Close removes the run's heartbeat, leaving its recoveries for the next
// run to offer at once (the page is closing or reloading).
func (r *shelfRun) Close() {
	if r == nil {
		return
	}
	r.sh.st.Remove(r.heartbeatKey(r.id))
}

// NewWork returns a recovery slot for a new piece of work; nil on a nil
// run, and a nil *shelfWork saves nothing.
func (r *shelfRun) NewWork() *shelfWork {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	r.seq++
	n := r.seq
	r.mu.Unlock()
	return &shelfWork{sh: r.sh, key: RecoveryDir + "/" + r.id + "-" + strconv.Itoa(n) + ".json"}
}

// Kept lists the recoveries on offer, newest first: those of runs whose
// heartbeat has stopped, and this run's own except current's. Unreadable
// ones are put aside (KEY.damaged), each reported by one error naming it.
func (r *shelfRun) Kept(current *shelfWork) ([]Recovery, []error) {
	if r == nil {
		return nil, nil
	}
	keys := r.sh.st.Keys()
	slices.Sort(keys)
	var (
		out   []Recovery
		errs  []error
		alive = map[string]bool{r.id: true}
		files = map[string]bool{}
	)
	isAlive := func(id string) bool {
		a, ok := alive[id]
		if !ok {
			a = r.alive(id)
			alive[id] = a
		}
		return a
	}
	for _, k := range keys {
		name, ok := strings.CutPrefix(k, RecoveryDir+"/")
		if !ok || !strings.HasSuffix(name, ".json") {
			continue
		}
		id, ok := runOf(name)
		if !ok {
			continue
		}
		files[id] = true
		if current != nil && k == current.key {
			continue
		}
		if isAlive(id) && id != r.id {
			continue // another tab is running and autosaving it
		}
		s, err := r.sh.loadSession(k)
		if err != nil {
			errs = append(errs, r.sh.putAside(k, err))
			continue
		}
		if len(s.Impressions) == 0 {
			continue // nothing to offer or to lose
		}
		rec := Recovery{Path: k, Template: s.Template, Impressions: len(s.Impressions), Saved: s.Saved, shelf: r.sh}
		rec.Target, _ = r.sh.st.Get(targetKey(k))
		out = append(out, rec)
	}
	// The heartbeats of runs that ended with nothing left have no use.
	for _, k := range keys {
		name, ok := strings.CutPrefix(k, RecoveryDir+"/")
		if id, beat := strings.CutSuffix(name, ".alive"); ok && beat && id != r.id && !files[id] && !isAlive(id) {
			r.sh.st.Remove(k)
		}
	}
	slices.SortFunc(out, func(a, b Recovery) int {
		if c := b.Saved.Compare(a.Saved); c != 0 {
			return c
		}
		return strings.Compare(a.Path, b.Path)
	})
	return out, errs
}

// shelfWork is one piece of work's recovery on the shelf: Work there.
type shelfWork struct {
	sh  *shelf
	key string // recovery/ID-N.json

	mu    sync.Mutex
	wrote string // the target last written
}

// Save writes s as this work's recovery; target names the file the work
// was opened from or downloaded as, "" for new work. A full storage
// leaves the previous recovery as it was and says so.
func (w *shelfWork) Save(target string, s *session.Session) error {
	if w == nil {
		return ErrNoFiles
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.sh.saveSession(w.key, s); err != nil {
		return err
	}
	if target != w.wrote {
		if target == "" {
			w.sh.st.Remove(targetKey(w.key))
		} else if err := w.sh.st.Set(targetKey(w.key), target); err != nil {
			return err
		}
		w.wrote = target
	}
	return nil
}

// Remove deletes this work's recovery; nobody else's is touched.
func (w *shelfWork) Remove() {
	if w == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.sh.discard(w.key)
	w.wrote = ""
}

// Path returns the work's recovery key.
func (w *shelfWork) Path() string {
	if w == nil {
		return ""
	}
	return w.key
}
