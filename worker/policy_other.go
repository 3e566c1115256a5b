//go:build !(js && wasm)

package main

import (
	"github.com/mxplain/mxplain/internal/stsfetch"
	"github.com/mxplain/mxplain/web/api"
)

// policyFetcher is the native fetcher: the native build is a quick local
// run of the API, and fetches as `mxplain serve` does.
func policyFetcher(string) api.PolicyFetcher { return stsfetch.New(stsfetch.Options{}) }
