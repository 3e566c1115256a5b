package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mxplain/mxplain/parsers"
	"github.com/mxplain/mxplain/parsers/explain"
)

// Types type= accepts.
var explainTypes = []explain.Type{explain.TypeSPF, explain.TypeDMARC, explain.TypeDKIM, explain.TypeMX}

// explain answers GET ?record=…&type=… and POST with the record as the body
// (and type= in the query).
func (h *Handler) explain(w http.ResponseWriter, r *http.Request, q url.Values) {
	single := []string{"record", "type"}
	if r.Method == http.MethodPost {
		single = []string{"type"}
	}
	if e := checkParams(q, single, nil); e != nil {
		e.write(w)
		return
	}
	var opts parsers.Options
	if t := q.Get("type"); t != "" {
		for _, known := range explainTypes {
			if strings.EqualFold(t, string(known)) {
				opts.Type = known
			}
		}
		if opts.Type == "" {
			badRequest(CodeBadType, "api: type %s is not one of spf, dmarc, dkim, mx; leave it out to detect the type", quote(t)).write(w)
			return
		}
	}
	var record string
	if r.Method == http.MethodPost {
		var e *apiError
		if record, e = readBody(w, r); e != nil {
			e.write(w)
			return
		}
	} else {
		record = q.Get("record")
		if len(record) > MaxRecord {
			badRequest(CodeBadRecord, "api: record is %d bytes, over %d; POST it to %s instead (up to %d bytes)", len(record), MaxRecord, ExplainPath, MaxBody).write(w)
			return
		}
	}
	if strings.TrimSpace(record) == "" {
		where := "the record= parameter"
		if r.Method == http.MethodPost {
			where = "the request body"
		}
		badRequest(CodeMissing, "api: %s is empty: give a record such as \"v=spf1 -all\"", where).write(w)
		return
	}
	if !utf8.ValidString(record) {
		badRequest(CodeBadRecord, "api: the record is not UTF-8 text (invalid byte at offset %d)", invalidUTF8(record)).write(w)
		return
	}
	exp, err := parsers.Explain(record, opts)
	if errors.Is(err, parsers.ErrNoRecord) {
		writeError(w, http.StatusUnprocessableEntity, CodeNoRecord, "api: the text holds no record, only blanks or comments")
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, CodeInternal, fmt.Sprintf("api: %v", err))
		return
	}
	if r.Method == http.MethodPost {
		w.Header().Set("Cache-Control", "no-store")
	} else {
		w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(ExplainAge))
	}
	writeJSON(w, http.StatusOK, exp)
}

// readBody reads a POST body of text, at most MaxBody bytes.
func readBody(w http.ResponseWriter, r *http.Request) (string, *apiError) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil || !strings.HasPrefix(mt, "text/") || params["charset"] != "" && !strings.EqualFold(params["charset"], "utf-8") {
			return "", &apiError{http.StatusUnsupportedMediaType, CodeMediaType,
				fmt.Sprintf("api: the body's Content-Type is %s; send the record as text/plain (UTF-8)", quote(ct))}
		}
	}
	if r.ContentLength > MaxBody {
		return "", tooLarge(r.ContentLength)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil {
		return "", badRequest(CodeBadRecord, "api: reading the body: %v", err)
	}
	if len(body) > MaxBody {
		return "", tooLarge(-1)
	}
	return string(body), nil
}

func tooLarge(n int64) *apiError {
	size := "over " + strconv.Itoa(MaxBody) + " bytes"
	if n >= 0 {
		size = strconv.FormatInt(n, 10) + " bytes, over " + strconv.Itoa(MaxBody)
	}
	return &apiError{http.StatusRequestEntityTooLarge, CodeTooLarge, "api: the body is " + size + "; explain the records a few at a time"}
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
