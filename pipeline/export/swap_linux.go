package export

import (
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders a and b in one step: renameat2 with
// RENAME_EXCHANGE (Linux 3.15 and later; ext4, xfs, btrfs, tmpfs and most
// local file systems). errNoExchange when the kernel or file system does
// not offer it.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch err {
	case nil:
		return nil
	case unix.ENOSYS, unix.EINVAL, unix.EOPNOTSUPP:
		return errNoExchange
	}
	return &os.LinkError{Op: "exchange", Old: a, New: b, Err: err}
}
