package stsfetch

import "github.com/mxplain/mxplain/inspect"

// PolicyFile is a fetched policy: inspect's, so that a Fetcher is an
// inspect.PolicyFetcher.
type PolicyFile = inspect.PolicyFile
