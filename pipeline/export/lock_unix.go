//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package export

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockDir takes an exclusive flock(2) on the folder at path, waiting for
// it when wait is set; otherwise free is false when another process holds
// it. release gives it back. A file system without flock gives no lock and
// no error: runs on it are not kept apart.
func lockDir(path string, wait bool) (release func(), free bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	how := unix.LOCK_EX
	if !wait {
		how |= unix.LOCK_NB
	}
	for {
		err = unix.Flock(int(f.Fd()), how)
		if err != unix.EINTR {
			break
		}
	}
	switch err {
	case nil, unix.ENOLCK, unix.EOPNOTSUPP:
		return func() { f.Close() }, true, nil
	case unix.EWOULDBLOCK:
		f.Close()
		return nil, false, nil
	}
	f.Close()
	return nil, false, &os.PathError{Op: "flock", Path: path, Err: err}
}
