//go:build linux

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// openTerminal opens a pseudo-terminal of cols columns and returns its two
// ends: what a program writes to tty, master reads.
func openTerminal(t *testing.T, cols uint16) (master, tty *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	ioctl := func(f *os.File, req uintptr, arg unsafe.Pointer) {
		t.Helper()
		if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), req, uintptr(arg)); errno != 0 {
			t.Skipf("pseudo-terminal ioctl %#x: %v", req, errno)
		}
	}
	var unlock int32
	ioctl(master, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock))
	var n uint32
	ioctl(master, syscall.TIOCGPTN, unsafe.Pointer(&n))
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	size := struct{ rows, cols, x, y uint16 }{24, cols, 0, 0}
	ioctl(tty, syscall.TIOCSWINSZ, unsafe.Pointer(&size))
	return master, tty
}

// On a terminal, extract's table is as wide as the terminal.
func TestExtractTextFitsTheTerminal(t *testing.T) {
	const cols = 72
	master, tty := openTerminal(t, cols)
	if w := tableWidth(tty); w != cols {
		t.Fatalf("tableWidth = %d, want the terminal's %d", w, cols)
	}
	var shown bytes.Buffer
	done := make(chan struct{})
	go func() {
		io.Copy(&shown, master) // ends with an error once tty is closed
		close(done)
	}()
	seed, _ := filepath.Abs(filepath.Join(repoRoot, "sources", "mali-united-states.txt"))
	var stderr bytes.Buffer
	code := run(context.Background(), []string{"extract", "--format", "text", seed}, tty, &stderr)
	tty.Close()
	<-done
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	table := strings.ReplaceAll(shown.String(), "\r\n", "\n")
	checkFits(t, table, cols)
	if !strings.Contains(table, "rank=LTC") || strings.Count(table, "\nofficial ") != 9 {
		t.Errorf("the table lost rows or fields:\n%s", table)
	}
}
