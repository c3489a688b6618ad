//go:build !unix

package pgtest

import "os/exec"

// runAs does nothing where there are no unix user ids (Windows): there the
// test user is never uid 0, so runAs is not called; it exists so the package
// cross-compiles.
func runAs(c *exec.Cmd, who ids) {}
