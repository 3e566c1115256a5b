//go:build js && wasm

package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/syumai/workers/cloudflare/cache"

	"github.com/mxplain/mxplain/web/api"
)

// expiresHeader carries an entry's expiry (Unix seconds) in the Cache API.
const expiresHeader = "X-Mxplain-Expires"

// cacheAPI is an api.Cache over the Workers Cache API (caches.default).
// Errors are misses: the cache is best effort.
type cacheAPI struct{}

var _ api.Cache = cacheAPI{}

func (cacheAPI) Get(ctx context.Context, key string) ([]byte, time.Time, bool) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, key, nil)
	if err != nil {
		return nil, time.Time{}, false
	}
	res, err := cache.New().Match(req, nil)
	if err != nil || res == nil {
		return nil, time.Time{}, false
	}
	defer res.Body.Close()
	unix, err := strconv.ParseInt(res.Header.Get(expiresHeader), 10, 64)
	if err != nil {
		return nil, time.Time{}, false
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, 4<<20))
	if err != nil {
		return nil, time.Time{}, false
	}
	return body, time.Unix(unix, 0), true
}

func (cacheAPI) Put(ctx context.Context, key string, body []byte, expires time.Time) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, key, nil)
	if err != nil {
		return
	}
	age := int(time.Until(expires) / time.Second)
	if age <= 0 {
		return
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "public, max-age="+strconv.Itoa(age))
	h.Set(expiresHeader, strconv.FormatInt(expires.Unix(), 10))
	cache.New().Put(req, &http.Response{StatusCode: http.StatusOK, Header: h,
		Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body))})
}
