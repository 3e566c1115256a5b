package api

import (
	"container/heap"
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

// DefaultCacheBytes bounds a MemoryCache made with NewMemoryCache(0).
const DefaultCacheBytes = 64 << 20

// entryOverhead is what an entry costs besides its key and body (the map
// slot, the heap slot, the entry itself), counted against the bound.
const entryOverhead = 128

// MemoryCache is a Cache in memory bounded in bytes (keys, bodies and a
// fixed overhead per entry); `mxplain serve` uses one. When full, the
// entries that expire soonest (expired ones first) make room. An answer
// over a sixteenth of the bound is not kept: one huge report must not
// empty the cache.
type MemoryCache struct {
	mu      sync.Mutex
	max     int64
	size    int64
	now     func() time.Time
	entries map[string]*memoryEntry
	byTime  expiryHeap
}

type memoryEntry struct {
	key     string
	body    []byte
	expires time.Time
	index   int // in byTime
}

func (e *memoryEntry) cost() int64 { return int64(len(e.key)+len(e.body)) + entryOverhead }

// NewMemoryCache returns a cache of at most maxBytes bytes (maxBytes < 1
// means DefaultCacheBytes).
func NewMemoryCache(maxBytes int64) *MemoryCache {
	if maxBytes < 1 {
		maxBytes = DefaultCacheBytes
	}
	return &MemoryCache{max: maxBytes, now: time.Now, entries: map[string]*memoryEntry{}}
}

// Get implements Cache.
func (c *MemoryCache) Get(_ context.Context, key string) ([]byte, time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return nil, time.Time{}, false
	}
	if !e.expires.After(c.now()) {
		c.remove(e)
		return nil, time.Time{}, false
	}
	return e.body, e.expires, true
}

// Put implements Cache.
func (c *MemoryCache) Put(_ context.Context, key string, body []byte, expires time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[key]; ok {
		c.remove(old)
	}
	e := &memoryEntry{key: key, body: body, expires: expires}
	if e.cost() > c.max/16 {
		return
	}
	for c.size+e.cost() > c.max && len(c.byTime) > 0 {
		c.remove(c.byTime[0])
	}
	c.entries[key] = e
	c.size += e.cost()
	heap.Push(&c.byTime, e)
}

// Size returns the number of entries and the bytes they count for.
func (c *MemoryCache) Size() (entries int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries), c.size
}

func (c *MemoryCache) remove(e *memoryEntry) {
	heap.Remove(&c.byTime, e.index)
	delete(c.entries, e.key)
	c.size -= e.cost()
}

// expiryHeap orders entries by expiry, soonest first (container/heap).
type expiryHeap []*memoryEntry

func (h expiryHeap) Len() int           { return len(h) }
func (h expiryHeap) Less(i, j int) bool { return h[i].expires.Before(h[j].expires) }
func (h expiryHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *expiryHeap) Push(x any) {
	e := x.(*memoryEntry)
	e.index = len(*h)
	*h = append(*h, e)
}
func (h *expiryHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return e
}
