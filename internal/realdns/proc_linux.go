package realdns

import (
	"os"
	"syscall"
)

// terminate asks a server to stop.
var terminate os.Signal = syscall.SIGTERM

// dieWithParent makes the kernel kill a server when the test process that
// started it dies, however it dies.
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
