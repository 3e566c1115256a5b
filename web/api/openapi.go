package api

import _ "embed"

// openAPI is the API's OpenAPI 3.1 description, served at OpenAPIPath as it
// is: bytes, with no OpenAPI library in the Worker.
//
//go:embed openapi.json
var openAPI []byte
