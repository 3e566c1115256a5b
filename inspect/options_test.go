package inspect_test

import (
	"context"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"github.com/mxplain/mxplain/doh/zoneserver"
	"github.com/mxplain/mxplain/inspect"
)

// TestNewOptionsClock: SPF's %{t} expands to the time given to NewOptions,
// the clock every front end passes (RFC 7208 §7.2).
func TestNewOptionsClock(t *testing.T) {
	srv := newServer(t, zoneserver.Options{})
	now := time.Date(2026, 12, 2, 3, 4, 5, 0, time.UTC)
	opts := inspect.NewOptions(now)
	if opts.Timeout != inspect.DefaultTimeout || opts.Budget != inspect.MaxQueries {
		t.Errorf("NewOptions = %+v", opts)
	}
	opts.NoProbe, opts.IP = true, netip.MustParseAddr("192.0.2.1")
	r := inspect.Domain(context.Background(), srv.client(t), "clock.spf.test", opts)
	if r.SPF.Check == nil {
		t.Fatalf("no check: %+v", r.SPF)
	}
	if want := "checked at " + strconv.FormatInt(now.Unix(), 10); r.SPF.Check.Result != "fail" || r.SPF.Check.Explanation != want {
		t.Errorf("check %s, explanation %q; want fail, %q", r.SPF.Check.Result, r.SPF.Check.Explanation, want)
	}
}

// TestSpecialNames: names that macros fill with "@", a space, "(", ")",
// ";" and '"' are asked and their answers read (RFC 7208 §7.3, §7.4), over
// DoH, where the answer's question comes back escapes and all.
func TestSpecialNames(t *testing.T) {
	srv := newServer(t, zoneserver.Options{})
	opts := inspect.NewOptions(time.Now())
	opts.NoProbe, opts.IP, opts.Sender = true, netip.MustParseAddr("192.0.2.1"), `a(b);c"d@special.spf.test`
	r := inspect.Domain(context.Background(), srv.client(t), "special.spf.test", opts)
	if r.SPF.Result != "pass" || len(r.Errors) != 0 {
		t.Errorf("spf %s, errors %+v\npath %+v", r.SPF.Result, r.Errors, r.SPF.Check)
	}
	opts.Sender = "user@special.spf.test"
	r = inspect.Domain(context.Background(), srv.client(t), "special.spf.test", opts)
	if r.SPF.Result != "pass" || len(r.Errors) != 0 {
		t.Errorf("spf %s, errors %+v\npath %+v", r.SPF.Result, r.Errors, r.SPF.Check)
	}
}

// TestCheckQueryFailed: a query only check_host() asks fails; the report
// lists it and is partial (so mxplain lookup exits 2 and the API does not
// cache it), whatever the failure.
func TestCheckQueryFailed(t *testing.T) {
	srv := newServer(t, zoneserver.Options{})
	for _, kind := range []zoneserver.FaultKind{zoneserver.FaultGarbage, zoneserver.FaultContentType, zoneserver.FaultServfail, zoneserver.FaultHTTP500} {
		t.Run(string(kind), func(t *testing.T) {
			srv.SetFaults([]zoneserver.Fault{{Name: "192.0.2.1._e.spf.test.", Kind: kind}})
			defer srv.SetFaults(nil)
			opts := inspect.NewOptions(time.Now())
			opts.NoProbe, opts.IP = true, netip.MustParseAddr("192.0.2.1")
			r := inspect.Domain(context.Background(), srv.client(t), "onlycheck.spf.test", opts)
			if r.SPF.Result != "temperror" {
				t.Errorf("spf %s, want temperror", r.SPF.Result)
			}
			if !r.Partial() || len(r.Errors) != 1 || r.Errors[0].Part != "spf" || r.Errors[0].Name != "192.0.2.1._e.spf.test." || r.Errors[0].Type != "A" {
				t.Errorf("partial %v, errors %+v", r.Partial(), r.Errors)
			}
		})
	}
}
