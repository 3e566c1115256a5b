//go:build !js

package doh_test

import (
	"testing"

	"github.com/mxplain/mxplain/doh"
)

func TestDefaultTransport(t *testing.T) {
	if _, ok := doh.DefaultTransport().(doh.HTTPTransport); !ok {
		t.Errorf("DefaultTransport is %T", doh.DefaultTransport())
	}
}
