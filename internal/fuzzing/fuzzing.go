// Package fuzzing sets how Go's fuzzer spends its time in mxplain's fuzz
// targets. The fuzzer minimises every new input it keeps, trying to remove
// every run of its bytes: tries that grow with the square of the input's
// length, each a call of the fuzz function. For a target that explains a
// few hundred bytes in a millisecond, one input then holds the fuzzer for
// the default minute, at 0 execs/s: most of a two-minute run goes into
// minimising two or three inputs. Main gives minimisation a few seconds
// instead; a longer time given with -fuzzminimizetime still wins.
package fuzzing

import (
	"flag"
	"fmt"
	"os"
	"testing"
)

// MinimizeTime is how long the fuzzer minimises one input by default.
const MinimizeTime = "5s"

// Main is a package's TestMain: it sets -test.fuzzminimizetime to
// MinimizeTime unless the command line set it, then runs the tests.
func Main(m *testing.M) {
	flag.Parse()
	if err := setDefault(flag.CommandLine); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}

// setDefault sets the minimisation time in fs, parsed, unless it was given.
func setDefault(fs *flag.FlagSet) error {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == minimizeFlag })
	if given {
		return nil
	}
	if err := fs.Set(minimizeFlag, MinimizeTime); err != nil {
		return fmt.Errorf("fuzzing: %w", err)
	}
	return nil
}

const minimizeFlag = "test.fuzzminimizetime"
