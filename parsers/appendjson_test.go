package parsers

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers/bimi"
	"github.com/mxplain/mxplain/parsers/dkim"
	"github.com/mxplain/mxplain/parsers/dmarc"
	"github.com/mxplain/mxplain/parsers/explain"
	"github.com/mxplain/mxplain/parsers/mtasts"
	"github.com/mxplain/mxplain/parsers/mx"
	"github.com/mxplain/mxplain/parsers/spf"
	"github.com/mxplain/mxplain/parsers/srv"
	"github.com/mxplain/mxplain/parsers/tlsrpt"
)

// allFacts are a value of every Facts type the kinds put in a Record.
var allFacts = []explain.JSONAppender{&spf.Facts{}, &dmarc.Facts{}, &dkim.Facts{}, &mx.Facts{},
	&mtasts.RecordFacts{}, &mtasts.PolicyFacts{}, &tlsrpt.Facts{}, &bimi.Facts{}, &srv.Facts{}}

// fill sets every field of v, recursively, to a non-zero value, so that
// omitempty leaves nothing out and a field AppendJSON forgets shows.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		fill(v.Index(0), n)
		fill(v.Index(1), n)
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for range 3 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, n)
			fill(e, n)
			v.SetMapIndex(k, e)
		}
	case reflect.String:
		v.SetString("s<\u2028\xff" + string(rune('a'+*n%26)))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(-int64(*n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*n))
	default:
		panic("fill: no case for " + v.Kind().String() + ": add one, and to AppendJSON")
	}
}

// TestFactsAppendJSONComplete fills every field of every Facts type and
// compares AppendJSON with json.Marshal: a field added to a Facts type and
// not to its AppendJSON fails here.
func TestFactsAppendJSONComplete(t *testing.T) {
	for _, f := range allFacts {
		t.Run(reflect.TypeOf(f).String(), func(t *testing.T) {
			n := 0
			fill(reflect.ValueOf(f).Elem(), &n)
			want, err := json.Marshal(f)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.AppendJSON(nil); string(got) != string(want) {
				t.Errorf("AppendJSON:\n%s\njson.Marshal:\n%s", got, want)
			}
			zero := reflect.New(reflect.TypeOf(f).Elem()).Interface().(explain.JSONAppender)
			want, _ = json.Marshal(zero)
			if got := zero.AppendJSON(nil); string(got) != string(want) {
				t.Errorf("zero value: AppendJSON:\n%s\njson.Marshal:\n%s", got, want)
			}
		})
	}
}

// checkAppendJSON fails when ex.AppendJSON is not json.Marshal's bytes, or
// a record's facts have no AppendJSON.
func checkAppendJSON(t testing.TB, ex *explain.Explanation) {
	t.Helper()
	for _, r := range ex.Records {
		if _, ok := r.Facts.(explain.JSONAppender); r.Facts != nil && !ok {
			t.Fatalf("%T does not implement explain.JSONAppender", r.Facts)
		}
	}
	want, err := json.Marshal(ex)
	if err != nil {
		t.Fatal(err)
	}
	if got := ex.AppendJSON(nil); string(got) != string(want) {
		t.Fatalf("%q: AppendJSON:\n%s\njson.Marshal:\n%s", ex.Input, got, want)
	}
}

// TestAppendJSONGolden explains every file of every testdata folder under
// parsers, whole and line by line, and the seed's records, and compares
// AppendJSON with json.Marshal. (The golden tests also compare them, on
// each golden case with its own context: golden.JSON.)
func TestAppendJSONGolden(t *testing.T) {
	paths, err := filepath.Glob("testdata/*/*")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("*/testdata/*")
	deeper, _ := filepath.Glob("*/testdata/*/*/*")
	top, _ := filepath.Glob("testdata/*.txt")
	paths = append(append(append(paths, more...), deeper...), top...)
	inputs := seedRecords(t)
	for _, p := range paths {
		if strings.HasSuffix(p, ".golden.json") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			continue // a folder
		}
		inputs = append(inputs, string(b))
		inputs = append(inputs, strings.Split(string(b), "\n")...)
	}
	if len(inputs) < 500 {
		t.Fatalf("only %d inputs", len(inputs))
	}
	for _, in := range inputs {
		for _, typ := range fuzzTypes {
			ex, err := Explain(in, Options{Type: typ})
			if err != nil {
				continue
			}
			checkAppendJSON(t, &ex)
		}
	}
}

// FuzzAppendJSON explains what the fuzzer makes, seeded with FuzzExplain's
// corpus, and compares AppendJSON with json.Marshal.
func FuzzAppendJSON(f *testing.F) {
	for _, s := range []string{`"v=spf1 a" " -all"`, "v=DMARC1; p=none; rua=mailto:a@b", "k=rsa; p=MIGf", "10 mail.example.com.",
		"v=STSv1; id=1; x=<&>", "version: STSv1\nmode: enforce\nmx: *.example\nmax_age: 86400\n", "v=TLSRPTv1; rua=mailto:a@b", "v=BIMI1; l=https://x/a.svg"} {
		for i := range len(fuzzTypes) {
			f.Add(s, byte(i))
		}
	}
	f.Fuzz(func(t *testing.T, input string, typ byte) {
		input = input[:min(len(input), maxFuzzInput)]
		ex, err := Explain(input, Options{Type: fuzzTypes[int(typ&0x7f)%len(fuzzTypes)]})
		if err != nil {
			return
		}
		checkAppendJSON(t, &ex)
	})
}
