//go:build js && wasm

package zoneserver_test

import (
	"net/http/httptest"

	"github.com/mxplain/mxplain/doh"
	"github.com/mxplain/mxplain/internal/dohtest"
)

// transport reaches ts over Go's in-process js network, which
// doh.FetchTransport cannot.
func transport(ts *httptest.Server) doh.Transport { return dohtest.Transport(ts) }
