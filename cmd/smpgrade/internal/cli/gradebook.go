package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/gradebook"
	"github.com/smptrainer/smp/sim/fileerr"
)

const gradebookHelp = `usage: smpgrade gradebook copy --from GRADEBOOK --to GRADEBOOK

Copies every attempt of one gradebook (with its scores, plausibility flags
and fault codes) and its competency rule into another, creating it if
needed. A gradebook is an SQLite file or a PostgreSQL database named by a
postgres://USER:PASSWORD@HOST:PORT/DATABASE URL (the database must exist;
its tables are created). This is how an academy moves a class's SQLite
gradebook into the shared PostgreSQL one:

  smpgrade gradebook copy --from course.db --to postgres://smp@db.academy.lan/grades

Attempts already in the destination (same trainee, same file) are left
as they were, so copying again, or copying several classes into one, adds
only what is new. The source is only read.
`

// runGradebook is "smpgrade gradebook copy --from X --to Y".
func runGradebook(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "copy" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprint(stdout, gradebookHelp)
			return exitOK
		}
		return usageErr(stderr, "gradebook", gradebookHelp, "want the subcommand copy")
	}
	fs := flag.NewFlagSet("gradebook", flag.ContinueOnError)
	from := fs.String("from", "", "the gradebook to copy from")
	to := fs.String("to", "", "the gradebook to copy into")
	pos, status, done := parseArgs(fs, args[1:], gradebookHelp, stdout, stderr)
	if done {
		return status
	}
	switch {
	case len(pos) > 0:
		return usageErr(stderr, "gradebook", gradebookHelp, "unexpected argument %q", pos[0])
	case *from == "" || *to == "":
		return usageErr(stderr, "gradebook", gradebookHelp, "--from and --to are both required")
	case *from == *to:
		return usageErr(stderr, "gradebook", gradebookHelp, "--from and --to name the same gradebook")
	}
	src, err := gradebook.OpenExisting(*from)
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade gradebook: %s\n", fileerr.OneLine(err.Error()))
		return exitFailed
	}
	defer src.Close()
	dst, err := gradebook.Open(*to)
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade gradebook: %s\n", fileerr.OneLine(err.Error()))
		return exitFailed
	}
	defer dst.Close()
	st, err := src.Copy(dst)
	if err != nil {
		fmt.Fprintf(stderr, "smpgrade gradebook: %s\n", fileerr.OneLine(err.Error()))
		return exitFailed
	}
	fmt.Fprintf(stdout, "%d attempts copied, %d already there\n", st.Added, st.Already)
	return exitOK
}
