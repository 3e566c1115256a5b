package main

import (
	"sync"
	"testing"
	"time"

	"github.com/mxplain/mxplain/inspect"
)

// told collects the progress notify is given.
type told struct {
	mu  sync.Mutex
	got []int // each progress's Queries
}

func (t *told) notify(p inspect.Progress) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.got = append(t.got, p.Queries)
}

func (t *told) queries() []int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]int(nil), t.got...)
}

// TestLatestEveryFirstAtOnce: the first progress is told at once, the next
// ones wait, and after stop none is told.
func TestLatestEveryFirstAtOnce(t *testing.T) {
	var tl told
	progress, stop := latestEvery(time.Hour, tl.notify)
	for q := 1; q <= 10; q++ {
		progress(inspect.Progress{Queries: q})
	}
	if got := tl.queries(); len(got) != 1 || got[0] != 1 {
		t.Fatalf("told %v, want [1] at once and the rest held", got)
	}
	stop()
	progress(inspect.Progress{Queries: 11})
	if got := tl.queries(); len(got) != 1 {
		t.Errorf("told %v after stop", got)
	}
}

// TestLatestEveryLatest: of the progress that waited, only the latest is
// told.
func TestLatestEveryLatest(t *testing.T) {
	var tl told
	progress, stop := latestEvery(10*time.Millisecond, tl.notify)
	defer stop()
	progress(inspect.Progress{Queries: 1})
	progress(inspect.Progress{Queries: 2})
	progress(inspect.Progress{Queries: 3})
	deadline := time.Now().Add(5 * time.Second)
	for len(tl.queries()) < 2 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if got := tl.queries(); len(got) != 2 || got[1] != 3 {
		t.Errorf("told %v, want [1 3]", got)
	}
}

// TestLatestEveryZero: with every 0 each progress is told.
func TestLatestEveryZero(t *testing.T) {
	var tl told
	progress, stop := latestEvery(0, tl.notify)
	defer stop()
	for q := 1; q <= 3; q++ {
		progress(inspect.Progress{Queries: q})
	}
	if got := tl.queries(); len(got) != 3 {
		t.Errorf("told %v, want each", got)
	}
}
