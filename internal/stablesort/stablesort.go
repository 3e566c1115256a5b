// Package stablesort is one small stable sort for the explain engine.
//
// slices.Sort and slices.SortStableFunc are each compiled anew for every
// element type they sort (pdqsort, symMerge and their helpers): in the
// WebAssembly engine the five sorts of the parsers cost 54 KB of code. A
// merge sort is a few hundred bytes an element type, and stable, so it
// gives the same order as slices.SortStableFunc, and as slices.Sort for
// values that are equal only when identical (strings, integers).
package stablesort

// run is the length of the runs sorted by insertion before merging.
const run = 16

// Func sorts s stably by cmp (negative when a sorts before b): O(n log n)
// comparisons, with one buffer of len(s) when s is longer than 16.
func Func[S ~[]E, E any](s S, cmp func(a, b E) int) {
	n := len(s)
	for lo := 0; lo < n; lo += run {
		insertion(s[lo:min(lo+run, n)], cmp)
	}
	if n <= run {
		return
	}
	src, dst := s, make(S, n)
	for width := run; width < n; width *= 2 {
		for lo := 0; lo < n; lo += 2 * width {
			mid, hi := min(lo+width, n), min(lo+2*width, n)
			merge(dst[lo:hi], src[lo:mid], src[mid:hi], cmp)
		}
		src, dst = dst, src
	}
	if &src[0] != &s[0] {
		copy(s, src)
	}
}

// insertion sorts a short s stably.
func insertion[E any](s []E, cmp func(a, b E) int) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && cmp(s[j], s[j-1]) < 0; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// merge writes a and b, each sorted, into out in order; of equal elements
// a's come first.
func merge[E any](out, a, b []E, cmp func(a, b E) int) {
	i, j, k := 0, 0, 0
	for i < len(a) && j < len(b) {
		if cmp(b[j], a[i]) < 0 {
			out[k] = b[j]
			j++
		} else {
			out[k] = a[i]
			i++
		}
		k++
	}
	k += copy(out[k:], a[i:])
	copy(out[k:], b[j:])
}
