package ascii_test

import (
	"fmt"

	"github.com/mxplain/mxplain/internal/ascii"
)

func ExampleIsDigits() {
	fmt.Println(ascii.IsDigits("3600"), ascii.IsDigits(""), ascii.IsDigits("1h"), ascii.IsDigits("-1"))
	// Output: true false false false
}
