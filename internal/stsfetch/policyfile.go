package stsfetch

// PolicyFile is a fetched policy: the URL, the Content-Type and the body.
// TEMPORARY until inspect/mtasts.go lands; then: type PolicyFile = inspect.PolicyFile.
type PolicyFile struct{ URL, ContentType, Body string }
