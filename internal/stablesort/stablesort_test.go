package stablesort

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

type item struct{ key, at int }

func byKey(a, b item) int { return cmp.Compare(a.key, b.key) }

// TestLikeSlices: the order of slices.SortStableFunc, for lengths around
// every run and merge boundary and keys with many ties.
func TestLikeSlices(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 257, 1000, 4099} {
		for _, keys := range []int{1, 3, n + 1} {
			got := make([]item, n)
			for i := range got {
				got[i] = item{r.IntN(keys), i}
			}
			want := slices.Clone(got)
			slices.SortStableFunc(want, byKey)
			Func(got, byKey)
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d keys=%d: order differs from slices.SortStableFunc", n, keys)
			}
		}
	}
}

func FuzzLikeSlices(f *testing.F) {
	f.Add([]byte("mxplain sorts its fields stably"))
	f.Add(make([]byte, 40))
	f.Fuzz(func(t *testing.T, b []byte) {
		got := make([]item, len(b))
		for i, c := range b {
			got[i] = item{int(c % 7), i}
		}
		want := slices.Clone(got)
		slices.SortStableFunc(want, byKey)
		Func(got, byKey)
		if !slices.Equal(got, want) {
			t.Fatalf("%v: order differs from slices.SortStableFunc", b)
		}
	})
}

func BenchmarkFunc(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	in := make([]item, 5000)
	for i := range in {
		in[i] = item{r.IntN(1000), i}
	}
	s := make([]item, len(in))
	for b.Loop() {
		copy(s, in)
		Func(s, byKey)
	}
}
