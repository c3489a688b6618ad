//go:build unix

package pgtest

import (
	"os/exec"
	"syscall"
)

// runAs makes c run as the given user and group: PostgreSQL refuses to run
// as root, and tests on CI run as root.
func runAs(c *exec.Cmd, who ids) {
	c.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: who.uid, Gid: who.gid}}
}
