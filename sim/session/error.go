package session

import (
	"errors"

	"github.com/smptrainer/smp/sim/fileerr"
)

// Error is a problem with a session file. It prints on one line as
// "FILE: FIELD: PROBLEM", for example
//
//	class/ann.json: impressions[41].x_mm: 1e999 is not a finite number
//
// File is the name given to Decode or the path given to Load, Field is a
// JSON path into the file ("" for the file as a whole). Err, when set, is
// the cause, such as scalp.ErrUnknownTemplate, ErrTooLarge or an
// *fs.PathError.
type Error = fileerr.Error

// ErrTooLarge is the cause of the error for a file over MaxFileBytes.
var ErrTooLarge = errors.New("session file too large")
