package web_test

import (
	"fmt"
	"net/http/httptest"
	"testing/fstest"

	"github.com/mxplain/mxplain/web"
)

func ExampleNew() {
	page := fstest.MapFS{"index.html": {Data: []byte(`<script src="/app.js"></script>`)}}
	h, err := web.New(web.Options{Assets: page})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(web.WasmBuilt(h))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/explain.wasm", nil))
	fmt.Println(rec.Code)
	// Output:
	// false
	// 404
}
