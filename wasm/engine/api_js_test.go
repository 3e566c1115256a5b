//go:build js && wasm

package engine

import (
	"syscall/js"
	"testing"
)

// TestTypesGlobal calls types() on the object main sets as globalThis.mxplain,
// as the page does, under node.
func TestTypesGlobal(t *testing.T) {
	types := NewAPI("test", nil).Get("types")
	if types.Type() != js.TypeFunction {
		t.Fatalf("mxplain.types is %s, want a function", types.Type())
	}
	checkTypes(t, types.Invoke().String())
}
