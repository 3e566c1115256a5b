module github.com/mxplain/mxplain

go 1.26.8

require (
	github.com/miekg/dns v1.1.73
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.2 // test only: web/api's OpenAPI document and answers, internal/lint's SARIF logs
	github.com/syumai/workers v0.32.0
	golang.org/x/net v0.62.0
	gopkg.in/yaml.v3 v3.0.1 // test only: inspect/spfcheck reads the RFC 7208 suite
)

require (
	github.com/evanw/esbuild v0.28.2 // indirect
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)
