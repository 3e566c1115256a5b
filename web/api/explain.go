package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mxplain/mxplain/internal/zonecheck"
	"github.com/mxplain/mxplain/parsers"
)

// explain answers GET ?record=…&type=… and POST with the record as the body
// (and type= in the query or the body).
func (h *Handler) explain(w http.ResponseWriter, r *http.Request, q url.Values) {
	single := []string{"record", "type"}
	if r.Method == http.MethodPost {
		single = []string{"type"}
	}
	if e := checkParams(q, single, nil); e != nil {
		e.write(w)
		return
	}
	record, typ := q.Get("record"), q.Get("type")
	if r.Method == http.MethodPost {
		if ce := r.Header.Get("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
			// RFC 9110 §8.4, §12.5.3: a coding not taken is a 415 that
			// says which are.
			w.Header().Set("Accept-Encoding", "identity")
			(&apiError{status: http.StatusUnsupportedMediaType, code: CodeMediaType,
				message: fmt.Sprintf("api: the body's Content-Encoding is %s; send the record uncompressed", quote(ce))}).write(w)
			return
		}
		body, e := readBody(r)
		if e == nil {
			e = body.merge(q)
		}
		if e != nil {
			e.write(w)
			return
		}
		record, typ = body.record, body.typ
	} else if len(record) > MaxRecord {
		badRequest(CodeBadRecord, "api: record is %d bytes, over %d; POST it to %s instead (up to %d bytes)", len(record), MaxRecord, ExplainPath, MaxBody).write(w)
		return
	}
	opts := parsers.Options{CheckLine: zonecheck.Line}
	if typ != "" {
		t, err := parsers.ParseType(typ)
		if err != nil {
			badRequest(CodeBadType, "api: type %s is not one of %s; leave it out to detect the type", quote(typ), strings.Join(parsers.TypeNames(), ", ")).write(w)
			return
		}
		opts.Type = t
	}
	if strings.TrimSpace(record) == "" {
		where := "the record= parameter"
		if r.Method == http.MethodPost {
			where = "the request body"
		}
		badRequest(CodeMissing, "api: %s is empty: give a record such as \"v=spf1 -all\"", where).write(w)
		return
	}
	if e := checkText(record); e != nil {
		e.write(w)
		return
	}
	leave, e := h.explains.enter(r.Context())
	if e != nil {
		e.write(w)
		return
	}
	defer leave()
	exp, err := parsers.Explain(record, opts)
	if errors.Is(err, parsers.ErrNoRecord) {
		writeError(w, http.StatusUnprocessableEntity, CodeNoRecord, "api: the text holds no record, only blanks or comments")
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, CodeInternal, fmt.Sprintf("api: %v", err))
		return
	}
	out, err := json.Marshal(exp)
	if err != nil {
		writeError(w, http.StatusInternalServerError, CodeInternal, "api: cannot encode the answer")
		return
	}
	if len(out) > h.opt.MaxOutput {
		writeError(w, http.StatusRequestEntityTooLarge, CodeTooLarge, fmt.Sprintf("api: the explanation is %d bytes, over %d; explain the records a few at a time", len(out), h.opt.MaxOutput))
		return
	}
	if r.Method == http.MethodPost {
		w.Header().Set("Cache-Control", "no-store")
	} else {
		w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(ExplainAge))
	}
	writeBody(w, http.StatusOK, append(out, '\n'))
}

// checkText refuses a record that is not text: not UTF-8, or holding a NUL
// byte (what tools such as git and grep take for binary data).
func checkText(record string) *apiError {
	if !utf8.ValidString(record) {
		return badRequest(CodeBadRecord, "api: the record is not UTF-8 text (invalid byte at offset %d)", invalidUTF8(record))
	}
	if i := strings.IndexByte(record, 0); i >= 0 {
		return badRequest(CodeBadRecord, "api: the record holds a NUL byte at offset %d: not text (in a zone-file string, write it as \\000)", i)
	}
	return nil
}

// postBody is what a POST body gives: the record, and type= when a form or
// JSON body names it.
type postBody struct {
	record, typ string
	typSet      bool
}

// merge refuses type= given both in the query and in the body.
func (b *postBody) merge(q url.Values) *apiError {
	if t, ok := q["type"]; ok {
		if b.typSet {
			return badRequest(CodeRepeated, "api: \"type\" is given in the query and in the body; give it once")
		}
		b.typ = t[0]
	}
	return nil
}

// readBody reads a POST body of at most MaxBody bytes. Its Content-Type
// says how to read it:
//
//   - none, any text/* type, or application/x-www-form-urlencoded (what
//     `curl -d` sends): the body is the record, byte for byte. A form body
//     whose first field is record= or type= (an HTML form, or `curl
//     --data-urlencode record=…`) is decoded as a form instead: no mail
//     record starts so.
//   - application/json or any +json type: an object {"record": "…",
//     "type": "…"} (type optional).
//
// Any other type is a 415, and so is a charset other than UTF-8 (or its
// subset US-ASCII).
func readBody(r *http.Request) (postBody, *apiError) {
	var b postBody
	mt := "text/plain"
	if ct := r.Header.Get("Content-Type"); ct != "" {
		t, params, err := mime.ParseMediaType(ct)
		cs := strings.ToLower(params["charset"])
		if err != nil || !textual(t) || cs != "" && cs != "utf-8" && cs != "us-ascii" {
			return b, &apiError{status: http.StatusUnsupportedMediaType, code: CodeMediaType,
				message: fmt.Sprintf("api: the body's Content-Type is %s; send the record as text (UTF-8; text/plain, or as `curl -d` sends it) or as application/json {\"record\": …}", quote(ct))}
		}
		mt = t
	}
	if r.ContentLength > MaxBody {
		return b, tooLarge(r.ContentLength)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil {
		return b, badRequest(CodeBadRecord, "api: reading the body: %v", err)
	}
	if len(body) > MaxBody {
		return b, tooLarge(-1)
	}
	switch {
	case mt == "application/json" || strings.HasSuffix(mt, "+json"):
		return jsonBody(body)
	case mt == "application/x-www-form-urlencoded" && isForm(body):
		return formBody(body)
	}
	b.record = string(body)
	return b, nil
}

// textual reports whether a media type carries the record as text.
func textual(mt string) bool {
	return strings.HasPrefix(mt, "text/") || mt == "application/x-www-form-urlencoded" ||
		mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json")
}

// isForm reports whether a form-urlencoded body is a form of this API's
// fields rather than a record sent raw, as `curl -d 'v=spf1 -all'` does.
func isForm(body []byte) bool {
	return bytes.HasPrefix(body, []byte("record=")) || bytes.HasPrefix(body, []byte("type="))
}

// formBody decodes record=…&type=… (WHATWG URL, application/x-www-form-urlencoded).
func formBody(body []byte) (postBody, *apiError) {
	var b postBody
	f, err := url.ParseQuery(string(body))
	if err != nil {
		return b, badRequest(CodeBadQuery, "api: the form body is not valid percent-encoding: %v", err)
	}
	if e := checkParams(f, []string{"record", "type"}, nil); e != nil {
		return b, e
	}
	_, b.typSet = f["type"]
	b.record, b.typ = f.Get("record"), f.Get("type")
	return b, nil
}

// jsonBody decodes {"record": "…", "type": "…"}.
func jsonBody(body []byte) (postBody, *apiError) {
	var b postBody
	members, names, err := jsonObject(body)
	// An unknown member is named as such, whatever its value.
	for _, name := range names {
		if name != "record" && name != "type" {
			return b, badRequest(CodeUnknownParam, "api: unknown member %s in the JSON body: it takes \"record\" and \"type\"", quote(name))
		}
	}
	if errors.Is(err, errDuplicate) {
		return b, badRequest(CodeRepeated, "api: %s is given twice in the JSON body; give it once", quote(names[len(names)-1]))
	}
	if err != nil {
		return b, badRequest(CodeBadJSON, "api: the JSON body is not an object {\"record\": \"…\", \"type\": \"…\"} of strings: %v", err)
	}
	b.record = members["record"]
	b.typ, b.typSet = members["type"]
	return b, nil
}

func tooLarge(n int64) *apiError {
	size := "over " + strconv.Itoa(MaxBody) + " bytes"
	if n >= 0 {
		size = strconv.FormatInt(n, 10) + " bytes, over " + strconv.Itoa(MaxBody)
	}
	return &apiError{status: http.StatusRequestEntityTooLarge, code: CodeTooLarge, message: "api: the body is " + size + "; explain the records a few at a time"}
}

func invalidUTF8(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i
			}
		}
	}
	return len(s)
}
