package main

import (
	"sync"
	"time"

	"github.com/mxplain/mxplain/inspect"
)

// progressEvery is how often, at most, the page is told where a lookup is.
// inspect reports its progress after every query and answer, about ninety
// times for a domain with DKIM selectors; the page draws only the latest,
// and each one told costs the engine a JSON encoding and a message to the
// page, and the page a drawing, on the cores the lookup needs
// (e2e/profile-lookup.mjs --sched).
const progressEvery = 100 * time.Millisecond

// latestEvery returns a function for inspect.Options.Progress that calls
// notify with the first progress at once and then with the latest one at
// most once per every, and stop, which ends it when the report is made: a
// progress still waiting then is dropped, as the report follows. With every
// 0, notify gets each progress.
func latestEvery(every time.Duration, notify func(inspect.Progress)) (progress func(inspect.Progress), stop func()) {
	if every <= 0 {
		return notify, func() {}
	}
	var (
		mu      sync.Mutex
		latest  *inspect.Progress // waiting for the timer
		timer   *time.Timer       // nil when the next progress is told at once
		stopped bool
	)
	var flush func()
	flush = func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped || latest == nil {
			timer = nil
			return
		}
		p := *latest
		latest = nil
		notify(p)
		timer = time.AfterFunc(every, flush)
	}
	progress = func(p inspect.Progress) {
		mu.Lock()
		defer mu.Unlock()
		switch {
		case stopped:
		case timer != nil:
			latest = &p
		default:
			notify(p)
			timer = time.AfterFunc(every, flush)
		}
	}
	stop = func() {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		if timer != nil {
			timer.Stop()
		}
	}
	return progress, stop
}
