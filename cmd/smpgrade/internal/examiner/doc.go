// Package examiner is the outside examiner's regression suite (issue 10):
// its tests build the real smpgrade binary, read the templates only
// through "smpgrade templates --json" (and the shade advisor, "smpgrade
// shade --json", for the ink a trainee would load), lay expert and faulty
// work with their own code from the domain text (domain.md §2–§6) and
// grade it with "smpgrade score --json", as an examiner with no access to
// the project's code would. Nothing here imports sim/pattern, sim/score or
// any other part of the grader: the point is that the scorer is checked
// against work it was not built from.
//
// The package has no code outside its tests. "go test" runs the short form
// (one seed, a few templates and sessions); "make examiner-long" runs
// every template, session and three seeds and prints a table.
package examiner
