package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// gate bounds the requests of one kind worked on at once, and those
// waiting for a turn: past both, or after waiting MaxWait, a request is
// answered 503 with Retry-After. A waiting request has read its body
// already (at most MaxBody), so what waits is bounded too.
type gate struct {
	what    string // "explanations", "lookups": for the message
	slots   chan struct{}
	queue   int64
	waiting atomic.Int64
}

func newGate(what string, slots, queue int) *gate {
	return &gate{what: what, slots: make(chan struct{}, slots), queue: int64(max(queue, 0))}
}

// enter waits for a turn; leave ends it.
func (g *gate) enter(ctx context.Context) (leave func(), e *apiError) {
	leave = func() { <-g.slots }
	select {
	case g.slots <- struct{}{}:
		return leave, nil
	default:
	}
	if g.waiting.Add(1) > g.queue {
		g.waiting.Add(-1)
		return nil, g.busy()
	}
	defer g.waiting.Add(-1)
	t := time.NewTimer(MaxWait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return leave, nil
	case <-t.C:
		return nil, g.busy()
	case <-ctx.Done():
		return nil, g.busy()
	}
}

func (g *gate) busy() *apiError {
	return &apiError{status: http.StatusServiceUnavailable, code: CodeBusy, retryAfter: RetryAfter,
		message: fmt.Sprintf("api: busy: %d %s are being worked on and %d wait; try again in %d s", cap(g.slots), g.what, g.queue, RetryAfter)}
}

// setRetryAfter sets the Retry-After header (RFC 9110 §10.2.3) of a 503.
func setRetryAfter(w http.ResponseWriter, seconds int) {
	if seconds > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(seconds))
	}
}
