//go:build !linux

package realdns

import (
	"os"
	"syscall"
)

// terminate asks a server to stop (os.Interrupt is what every OS has).
var terminate os.Signal = os.Interrupt

// dieWithParent: only Linux has a parent-death signal; elsewhere Close must
// be called.
func dieWithParent() *syscall.SysProcAttr { return nil }
