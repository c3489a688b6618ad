// Package assets embeds the data the trainer and the grader ship with:
// scalp template parameters, exercises, colour palettes and fonts.
//
// Each folder has a README.md that says where its numbers come from.
package assets

import "embed"

// FS holds the folders templates/, exercises/, palettes/, fonts/, clients/
// (the virtual clients' profiles), rules/ (the screening, plan and
// aftercare rules) and cases/ (each client's consultation case).
//
//go:embed templates exercises palettes fonts clients rules cases
var FS embed.FS
