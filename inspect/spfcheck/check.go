package spfcheck

import (
	"context"

	"github.com/mxplain/mxplain/doh"
)

func check(ctx context.Context, r doh.Resolver, q Query) *Evaluation {
	return &Evaluation{Result: ResultNone}
}
