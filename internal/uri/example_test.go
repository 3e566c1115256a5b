package uri_test

import (
	"fmt"

	"github.com/mxplain/mxplain/internal/uri"
)

func ExampleMailto() {
	scheme, rest, _ := uri.Scheme("mailto:tls-reports@example")
	addrs, problem := uri.Mailto(rest)
	fmt.Println(scheme, addrs, problem)
	fmt.Println(problem.Reason())
	// Output:
	// mailto [tls-reports@example] no_dot
	// the domain has no dot, so it is no public host name
}
