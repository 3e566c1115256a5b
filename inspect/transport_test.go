//go:build !js

package inspect_test

import (
	"net/http/httptest"

	"github.com/mxplain/mxplain/doh"
)

// transport returns the client's native transport, talking to ts.
func transport(ts *httptest.Server) doh.Transport { return doh.HTTPTransport{Client: ts.Client()} }
