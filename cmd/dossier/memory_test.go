package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// Past the budget, the heap's limit follows what the run holds: the live
// heap and three quarters of it, so that a run holding more than half the budget
// does not collect without end.
func TestMemoryBudgetFollowsTheLiveHeap(t *testing.T) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		t.Skip("GOGC or GOMEMLIMIT is set: the budget leaves the collector to them")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	memoryBudget(8 << 20)
	if got := debug.SetMemoryLimit(-1); got != 8<<20 {
		t.Fatalf("limit %d before any collection, want the budget, %d", got, 8<<20)
	}
	var hold [][]byte
	for range 32 {
		hold = append(hold, make([]byte, 1<<20))
	}
	limit := int64(0)
	for range 200 { // the limit is raised on the finalizer goroutine, after a collection
		runtime.GC()
		if limit = debug.SetMemoryLimit(-1); limit >= 56<<20 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	runtime.KeepAlive(hold)
	if limit < 56<<20 {
		t.Errorf("limit %d with 32 MiB live, want at least three quarters as much again", limit)
	}
}
