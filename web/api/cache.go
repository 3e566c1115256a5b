package api

import (
	"context"
	"sync"
	"time"
)

// Cache keeps lookup answers. Keys are absolute URLs (the request's
// canonical form), so a Cache can be the Workers Cache API. Implementations
// are best effort: a Put may be dropped, a Get may miss; they must be safe
// for concurrent use.
type Cache interface {
	// Get returns the body stored under key and when it expires.
	Get(ctx context.Context, key string) (body []byte, expires time.Time, ok bool)
	// Put stores body under key until expires.
	Put(ctx context.Context, key string, body []byte, expires time.Time)
}

// MemoryCache is a Cache in memory holding at most a fixed number of
// entries; `mxplain serve` uses one.
type MemoryCache struct {
	mu      sync.Mutex
	max     int
	now     func() time.Time
	entries map[string]memoryEntry
}

type memoryEntry struct {
	body    []byte
	expires time.Time
}

// NewMemoryCache returns a cache of at most n entries (n < 1 means 1000).
func NewMemoryCache(n int) *MemoryCache {
	if n < 1 {
		n = 1000
	}
	return &MemoryCache{max: n, now: time.Now, entries: map[string]memoryEntry{}}
}

// Get implements Cache.
func (c *MemoryCache) Get(_ context.Context, key string) ([]byte, time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	return e.body, e.expires, ok
}

// Put implements Cache. When the cache is full, expired entries go first,
// then the one that expires soonest.
func (c *MemoryCache) Put(_ context.Context, key string, body []byte, expires time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok && len(c.entries) >= c.max {
		now := c.now()
		var victim string
		var soonest time.Time
		for k, e := range c.entries {
			if e.expires.Before(now) {
				delete(c.entries, k)
				continue
			}
			if victim == "" || e.expires.Before(soonest) {
				victim, soonest = k, e.expires
			}
		}
		if len(c.entries) >= c.max {
			delete(c.entries, victim)
		}
	}
	c.entries[key] = memoryEntry{body: body, expires: expires}
}
