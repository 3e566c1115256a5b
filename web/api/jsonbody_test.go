package api

import (
	"encoding/json"
	"errors"
	"maps"
	"testing"
	"unicode/utf8"
)

func TestJSONObject(t *testing.T) {
	for name, c := range map[string]struct {
		in   string
		want map[string]string
		err  bool
	}{
		"empty object":     {in: ` {} `, want: map[string]string{}},
		"two members":      {in: `{"record": "v=spf1 -all", "type":"spf"}`, want: map[string]string{"record": "v=spf1 -all", "type": "spf"}},
		"escapes":          {in: `{"r":"a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00"}`, want: map[string]string{"r": "a\"b\\c/d\b\f\n\r\té😀"}},
		"lone surrogate":   {in: `{"r":"\ud800x\udc00\ud800\u0041"}`, want: map[string]string{"r": "\uFFFDx\uFFFD\uFFFDA"}},
		"raw utf-8":        {in: `{"r":"é"}`, want: map[string]string{"r": "é"}},
		"a number":         {in: `{"record": 5}`, err: true},
		"null":             {in: `{"record": null}`, err: true},
		"an array":         {in: `["v=spf1"]`, err: true},
		"control char":     {in: "{\"r\":\"a\nb\"}", err: true},
		"bad escape":       {in: `{"r":"\x"}`, err: true},
		"short \\u":        {in: `{"r":"\u12"}`, err: true},
		"trailing comma":   {in: `{"r":"a",}`, err: true},
		"two values":       {in: `{} {}`, err: true},
		"unterminated":     {in: `{"r":"a`, err: true},
		"not utf-8":        {in: "{\"r\":\"\xff\"}", err: true},
		"single quotes":    {in: `{'r':'a'}`, err: true},
		"missing colon":    {in: `{"r" "a"}`, err: true},
		"nothing":          {in: ``, err: true},
		"whitespace only":  {in: " \n", err: true},
		"nested object":    {in: `{"r":{"a":"b"}}`, err: true},
		"number key":       {in: `{1:"a"}`, err: true},
		"unicode escape 0": {in: `{"r":"\u0000"}`, want: map[string]string{"r": "\x00"}},
	} {
		t.Run(name, func(t *testing.T) {
			got, _, err := jsonObject([]byte(c.in))
			if (err != nil) != c.err || !c.err && !maps.Equal(got, c.want) {
				t.Errorf("jsonObject(%q) = %q, %v; want %q, error %v", c.in, got, err, c.want, c.err)
			}
		})
	}
	if _, names, err := jsonObject([]byte(`{"type":"a","type":"b"}`)); !errors.Is(err, errDuplicate) || len(names) != 1 || names[0] != "type" {
		t.Errorf("a duplicate member: %v %v, want errDuplicate naming it", names, err)
	}
}

// FuzzJSONObject: jsonObject reads what encoding/json reads: an object of
// strings (with no member twice) with the same values, and nothing else.
// Text that is not UTF-8, which encoding/json reads with U+FFFD in place of
// the bad bytes, it refuses (RFC 8259 §8.1).
func FuzzJSONObject(f *testing.F) {
	for _, s := range []string{`{}`, `{"record": "v=spf1 -all", "type": "spf"}`, `{"a":"\ud800\u0041"}`, `{"a":"\u00e9\n"}`, `[1]`, `{"a":1}`, `{"a":"b",}`, " {\"\":\"\"}\t"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, names, err := jsonObject(b)
		if !utf8.Valid(b) {
			if err == nil {
				t.Fatalf("%q: not UTF-8, accepted", b)
			}
			return
		}
		var want map[string]any
		jerr := json.Unmarshal(b, &want)
		strings := jerr == nil && want != nil
		for _, v := range want {
			_, ok := v.(string)
			strings = strings && ok
		}
		if errors.Is(err, errDuplicate) {
			return // encoding/json keeps the last
		}
		if err == nil && len(names) != len(got) {
			t.Fatalf("%q: names %q for %d members", b, names, len(got))
		}
		if (err == nil) != strings {
			t.Fatalf("%q: jsonObject error %v; encoding/json error %v, value %v", b, err, jerr, want)
		}
		if err != nil {
			return
		}
		for k, v := range want {
			if got[k] != v {
				t.Fatalf("%q: member %q = %q, encoding/json %q", b, k, got[k], v)
			}
		}
	})
}
