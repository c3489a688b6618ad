package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
)

// ProgressFile is the progress marks' file name in the data folder.
const ProgressFile = "progress.json"

// Progress is the progress file: the best overall score per exercise id.
type Progress struct {
	// Version is the file's format version, ProgressVersion when written;
	// a file without one is version 1.
	Version int                `json:"version,omitempty"`
	Best    map[string]float64 `json:"best"`
}

// ProgressVersion is the progress file format this trainer writes and the
// newest it reads.
const ProgressVersion = 1

// maxKeptBytes bounds the progress and settings files: far more than any
// real one (a few hundred bytes per exercise), small enough to read whole.
const maxKeptBytes = 1 << 20

// LoadProgress reads the progress file; a missing file is no progress
// yet, and a damaged one is an error naming it (and is never overwritten
// by RecordProgress).
func LoadProgress() (*Progress, error) {
	p := &Progress{Best: map[string]float64{}}
	b, path, err := readKept(ProgressFile)
	if errors.Is(err, fs.ErrNotExist) {
		return p, nil
	}
	if err != nil {
		return p, err
	}
	return decodeProgress(b, path)
}

// decodeProgress parses a progress file's bytes; path names it in errors.
// A damaged file gives empty progress and the error.
func decodeProgress(b []byte, path string) (*Progress, error) {
	p := &Progress{}
	if err := json.Unmarshal(b, p); err != nil {
		return &Progress{Best: map[string]float64{}}, fmt.Errorf("%s: %w", path, err)
	}
	if p.Version > ProgressVersion {
		return &Progress{Best: map[string]float64{}}, fmt.Errorf("%s: version %d is newer than this trainer reads (%d): update the trainer", path, p.Version, ProgressVersion)
	}
	if p.Best == nil {
		p.Best = map[string]float64{}
	}
	for id, v := range p.Best {
		if math.IsNaN(v) || v < 0 || v > 100 {
			return &Progress{Best: map[string]float64{}}, fmt.Errorf("%s: best.%s: %v is not a score (0–100)", path, id, v)
		}
	}
	return p, nil
}

// RecordProgress keeps overall as exercise id's best score if it beats the
// one on file; it reports whether it did.
func RecordProgress(id string, overall float64) (bool, error) {
	p, err := LoadProgress()
	if err != nil {
		return false, err
	}
	if old, ok := p.Best[id]; ok && old >= overall {
		return false, nil
	}
	p.Best[id] = overall
	p.Version = ProgressVersion
	return true, writeKept(ProgressFile, p)
}
