//go:build !linux

package embedded

import (
	"os"
	"syscall"
)

// sysProcAttr returns nil: outside Linux there is no Pdeathsig, but the child still stops when its stdin
// reaches EOF, which happens when this process exits.
func sysProcAttr() *syscall.SysProcAttr { return nil }

// terminate asks the child to stop (SIGTERM where signals exist).
func (s *Server) terminate() {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		_ = s.cmd.Process.Signal(os.Interrupt)
	}
}

// kill ends the child at once.
func (s *Server) kill() { _ = s.cmd.Process.Kill() }
