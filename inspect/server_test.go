package inspect_test

import (
	"net/http/httptest"
	"testing"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/doh/zone"
	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/inspect"
)

// testServer serves testdata/*.zone over DoH (RFC 8484) in process.
type testServer struct {
	*zoneserver.Server
	ts *httptest.Server
}

func newServer(tb testing.TB, opts zoneserver.Options) *testServer {
	tb.Helper()
	store, err := zone.LoadDir("testdata")
	if err != nil {
		tb.Fatalf("loading fixtures: %v", err)
	}
	s := zoneserver.New(store, opts)
	ts := httptest.NewServer(s)
	tb.Cleanup(ts.Close)
	return &testServer{Server: s, ts: ts}
}

// client returns a fresh DoH client (one per report, as in production)
// with the report's budget.
func (s *testServer) client(tb testing.TB) *doh.Client {
	tb.Helper()
	c, err := doh.New(s.ts.URL+zoneserver.Path, doh.Options{Transport: transport(s.ts), Budget: inspect.MaxQueries})
	if err != nil {
		tb.Fatalf("doh.New: %v", err)
	}
	return c
}
