// Package fresh holds the test of the README's commands in a fresh clone
// (fresh_test.go): `make run` with nothing but Go, and a plain `go build`
// of the CLI (what `go install` makes), whose `mxplain serve` says it has no
// page. `make test` itself is not run inside it (it would run this test
// again): CI runs .ci/run, which is `make test`, on a fresh clone.
package fresh
