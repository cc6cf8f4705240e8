//go:build linux

package embedded

import "syscall"

// sysProcAttr puts the JVM in its own process group (so Stop can signal the whole group, and a terminal's
// Ctrl-C reaches only us, who then stop it cleanly) and asks the kernel to send it SIGTERM if we die.
// SIGTERM rather than SIGKILL: the launcher's shutdown hook then stops Neo4j cleanly, the same as when its
// stdin reaches EOF.
//
// Pdeathsig fires when the OS thread that started the child exits, not the process. The Go runtime retires a
// thread only when a goroutine exits while locked to it (runtime.LockOSThread), so do not call Start from
// such a goroutine.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}

// terminate sends SIGTERM to the child's process group.
func (s *Server) terminate() { _ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGTERM) }

// kill sends SIGKILL to the child's process group.
func (s *Server) kill() { _ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL) }
