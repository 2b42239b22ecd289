package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// memoryBudget sets how the heap grows: freely up to budget bytes, and
// past that to what the run holds plus three quarters of it or of the
// budget, whichever is more (as GOGC=75 would for a large heap). The collector
// then runs as seldom as the budget allows whatever the size of the
// input, so that peak memory is the budget for every run whose live data
// stays under half of it, and a run that must hold more is not starved
// into collecting without end. GOGC or GOMEMLIMIT in the
// environment take over. A later call, or anyone setting the limit,
// takes over from an earlier one.
func memoryBudget(budget int64) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(budget)
	set := budget
	afterEachGC(func() bool {
		if debug.SetMemoryLimit(-1) != set {
			return false // the limit is someone else's now
		}
		live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(live)
		if live[0].Value.Kind() == metrics.KindUint64 {
			held := int64(live[0].Value.Uint64())
			set = max(budget, held+max(budget, held)*3/4)
			debug.SetMemoryLimit(set)
		}
		return true
	})
}

// afterEachGC calls f after every garbage collection, on the finalizer
// goroutine, until it returns false: an object's finalizer re-arms itself
// on a new object. (The object holds a pointer, so that it is never one
// the tiny allocator packs with others, whose finalizers may never run.)
func afterEachGC(f func() bool) {
	type sentinel struct {
		p *int
		_ [16]byte
	}
	var arm func(*sentinel)
	arm = func(*sentinel) {
		if f() {
			runtime.SetFinalizer(&sentinel{}, arm)
		}
	}
	runtime.SetFinalizer(&sentinel{}, arm)
}
