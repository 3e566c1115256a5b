package fuzzing_test

import (
	"fmt"

	"github.com/mxplain/mxplain/internal/fuzzing"
)

// A package with fuzz targets runs its tests through Main:
//
//	func TestMain(m *testing.M) { fuzzing.Main(m) }
//
// and `go test -fuzz` then minimises each new input for MinimizeTime.
func Example() {
	fmt.Println(fuzzing.MinimizeTime)
	// Output: 5s
}
