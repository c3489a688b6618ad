// Package session reads and writes session files: the versioned JSON record
// of a trainee's impressions on one template.
//
// The format is documented in the README. The smallest valid file is
//
//	{"format":"smp-session","version":1,"template":"norwood3",
//	 "impressions":[{"x_mm":12.5,"y_mm":-40.0,"diameter_mm":0.25}]}
//
// and every other field has a documented default.
package session

import (
	"time"

	"github.com/smptrainer/smp/sim/consult"
	"github.com/smptrainer/smp/sim/design"
	"github.com/smptrainer/smp/sim/impression"
)

// Format is the value of every session file's "format" field.
const Format = "smp-session"

// Version is the newest file version this package reads and the one it
// writes.
const Version = 1

// Limits on what a file may hold. They keep a hostile or broken file from
// eating the machine, and are far above any real session: a full Norwood VII
// at finished density is about 400 cm² × 100/cm² = 40,000 impressions.
const (
	// MaxImpressions is the most impressions a file may hold.
	MaxImpressions = 1_000_000
	// MaxFileBytes is the largest file Load reads: room for MaxImpressions
	// written with every field.
	MaxFileBytes = 256 << 20
	// OutsideToleranceMM is how far outside the template's outline an
	// impression may sit before the file is rejected as not belonging to
	// that template. A trainee's stray dot just past the edge is real work
	// to be scored; one 5 cm away is a wrong template or a broken file.
	OutsideToleranceMM = 20.0
	// MaxDiameterMM bounds an impression's diameter: a blown-out 3RL 0.30
	// dot spreads to about 3× its 0.65 mm (domain.md §2), under 2 mm.
	MaxDiameterMM = 5.0
	// MaxDilution bounds the parts of water per part of pigment. Artists
	// dilute 20–30× (domain.md §7); past 1000× the "pigment" is water, so a
	// larger figure is a broken file. *Model assumption.*
	MaxDilution = 1000.0
	// MaxTextBytes bounds the free-text fields (trainee, exercise, app,
	// pigment): names, not essays, and short enough for one report line.
	MaxTextBytes = 256
	// MaxDepth is the deepest nesting of JSON arrays and objects accepted,
	// counting the top-level object as 1. The format itself needs 3; the
	// slack is for fields a later version may add, which this version
	// skips. It bounds the work a hostile "[[[[…" file can cause.
	MaxDepth = 32
)

// KnownVersions lists the file versions this package reads.
var KnownVersions = []int{1}

// Session is one trainee's work on one template.
type Session struct {
	// Template is the id of the scalp template.
	Template string
	// Exercise is the id of the exercise, or "" for free practice.
	Exercise string
	// Trainee names who did the work; "" when unknown.
	Trainee string
	// Number is the treatment session in progress, 1–3.
	Number int
	// Created is when the work began; zero when unknown.
	Created time.Time
	// Saved is when the file was last written; zero when unknown.
	Saved time.Time
	// Impressions are in the order they were placed.
	Impressions []impression.Impression
	// ContentHash is the hash the trainer recorded when it saved, or "".
	// A file whose impressions no longer match it was edited afterwards;
	// see Hash and EditedAfterSave.
	ContentHash string
	// App names the program that wrote the file, such as
	// "smptrainer 0.1"; "" when unknown. It is informational only.
	App string
	// Design is the trainee's hairline design (the "design" object), or
	// nil when the file has none.
	Design *design.Design
	// Consultation is the trainee's consultation of a virtual client (the
	// "consultation" object), or nil when the file has none.
	Consultation *consult.Consultation
}
