// Command smpgrade is the instructors' command line: it lists the scalp
// templates, grades session files and writes example sessions. Run
// "smpgrade help" for the commands.
package main

import (
	"os"

	"github.com/smptrainer/smp/cmd/smpgrade/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
