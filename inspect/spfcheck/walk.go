package spfcheck

import (
	"context"

	"github.com/mxplain/mxplain/doh"
)

func walk(ctx context.Context, r doh.Resolver, domain string) *Tree {
	return &Tree{Root: &Node{Domain: domain}}
}
