package store

// Recovery: autosaved work that belongs to the work.
//
// Each run of the trainer takes a run id (its start time, process id and a
// random suffix) and holds a lock on DataDir()/recovery/ID.lock for as long
// as it runs. Every piece of work the run edits (the file it opened, or new
// work) gets its own recovery file, recovery/ID-N.json, a session file,
// with recovery/ID-N.target naming the saved file the work belongs to when
// there is one. So no other run, file or second instance ever writes over
// or removes another's recovery: a run only writes and removes its own.
//
// At start, Kept lists the recovery files of runs that no longer hold
// their lock (they ended or were killed), and the run's own recoveries of
// work it put aside (opening another file, Ctrl+N). They stay until the
// trainee restores or discards them. A recovery file that cannot be read
// is renamed aside to NAME.damaged and named in an error, never written
// over.
//
// In the browser edition the same rules hold over the browser's storage
// (shelf.go): keys instead of files, and a heartbeat instead of a lock,
// since a browser tab cannot hold one that ends with it.

import (
	"strconv"
	"strings"
	"time"

	"github.com/smptrainer/smp/sim/session"
)

// RecoveryDir is the recovery folder's name in the data folder (and the
// recovery keys' prefix in the browser's storage).
const RecoveryDir = "recovery"

// Recovery is one kept recovery file on offer.
type Recovery struct {
	// Path is the recovery file.
	Path string
	// Target is the saved file the work belongs to, "" for new work.
	Target string
	// Template and Impressions describe the work; Saved is when it was
	// autosaved.
	Template    string
	Impressions int
	Saved       time.Time
	// TargetNewer is set when the saved file changed after this autosave
	// (another instance saved it): restoring may then bring back an older
	// version.
	TargetNewer bool

	// shelf is where the recovery is kept in the browser edition; nil for
	// a file.
	shelf *shelf
}

// Load reads the recovered work.
func (rec Recovery) Load() (*session.Session, error) {
	if rec.shelf != nil {
		return rec.shelf.loadSession(rec.Path)
	}
	return rec.loadFile()
}

// Discard deletes the recovered work (the trainee chose to drop it, or
// restored it into a recovery of its own).
func (rec Recovery) Discard() error {
	if rec.shelf != nil {
		return rec.shelf.discard(rec.Path)
	}
	return rec.discardFile()
}

// runOf returns the run id of a recovery file name "ID-N.json".
func runOf(name string) (string, bool) {
	stem := strings.TrimSuffix(name, ".json")
	i := strings.LastIndexByte(stem, '-')
	if i <= 0 {
		return "", false
	}
	if _, err := strconv.Atoi(stem[i+1:]); err != nil {
		return "", false
	}
	return stem[:i], true
}
