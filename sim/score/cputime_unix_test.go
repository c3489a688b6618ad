//go:build unix

package score

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user and system) this process has used,
// and true; the benchmarks report it per operation because wall time on a
// machine shared by more jobs than cores measures the queue, not the code.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
