// Package assets embeds the data the trainer and the grader ship with:
// scalp template parameters, exercises, colour palettes and fonts.
//
// Each folder has a README.md that says where its numbers come from.
package assets

import "embed"

// FS holds the folders templates/, exercises/, palettes/, fonts/ and clients/.
//
//go:embed templates exercises palettes fonts clients
var FS embed.FS
