package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mxplain/mxplain/parsers"
)

func TestFormsJSON(t *testing.T) {
	var forms []struct {
		Type   string            `json:"type"`
		Owner  string            `json:"owner"`
		Fields []json.RawMessage `json:"fields"`
	}
	if err := json.Unmarshal([]byte(formsJSON()), &forms); err != nil {
		t.Fatal(err)
	}
	if len(forms) != len(parsers.Kinds()) {
		t.Errorf("%d forms for %d kinds", len(forms), len(parsers.Kinds()))
	}
	for i, k := range parsers.Kinds() {
		if i < len(forms) && (forms[i].Type != string(k.Type) || len(forms[i].Fields) == 0 || forms[i].Owner == "") {
			t.Errorf("form %d = %+v, want kind %s's with its fields and owner", i, forms[i], k.Type)
		}
	}
}

func TestBuiltJSON(t *testing.T) {
	type built struct {
		Text   string `json:"text"`
		Owner  string `json:"owner"`
		Errors []struct {
			Field string `json:"field"`
		} `json:"errors"`
		Explanation struct {
			Records []struct {
				Type  string `json:"type"`
				Valid bool   `json:"valid"`
			} `json:"records"`
		} `json:"explanation"`
		Error string `json:"error"`
	}
	tests := map[string]struct {
		request    string
		text       string // want; "" for none
		errorField string // the field error wanted first, if any
		failure    string // a part of the error wanted
	}{
		"dmarc for an address's domain": {
			request: `{"type":"DMARC","domain":"postmaster@Example.COM","values":{"p":["reject"],"rua":["dmarc@example.com"]}}`,
			text:    `_dmarc.example.com. IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"`,
		},
		"a domain that is none": {
			request:    `{"type":"mx","domain":"exa mple.com","values":{"host":["10 mail.example.com"]}}`,
			text:       "10 mail.example.com.",
			errorField: "domain",
		},
		"no domain yet": {request: `{"type":"spf","values":{}}`, text: "v=spf1 ~all"},
		"unknown type":  {request: `{"type":"a","values":{}}`, failure: "type"},
		"not JSON":      {request: `{"type":`, failure: "wasm: build"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			var b built
			out := builtJSON(tt.request)
			if err := json.Unmarshal([]byte(out), &b); err != nil {
				t.Fatalf("%s: %v", out, err)
			}
			if tt.failure != "" {
				if !strings.Contains(b.Error, tt.failure) || b.Text != "" {
					t.Errorf("got %s, want an error about %q", out, tt.failure)
				}
				return
			}
			if b.Error != "" || b.Text != tt.text {
				t.Errorf("text = %q (error %q), want %q", b.Text, b.Error, tt.text)
			}
			if tt.errorField != "" && (len(b.Errors) == 0 || b.Errors[0].Field != tt.errorField) {
				t.Errorf("errors = %+v, want one on %s first", b.Errors, tt.errorField)
			}
			if len(b.Explanation.Records) != 1 {
				t.Errorf("explained as %d records, want 1: %s", len(b.Explanation.Records), out)
			}
		})
	}
}
