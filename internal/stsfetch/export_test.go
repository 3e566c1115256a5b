//go:build !js

package stsfetch

// SetPort makes a Fetcher made with o dial port instead of 443: the test
// servers listen on a port of their own.
func SetPort(o *Options, port string) { o.port = port }
