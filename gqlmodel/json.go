package gqlmodel

import (
	"encoding/json"
	"io"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalJSONValue writes the JSON scalar: any value, as compact JSON.
func MarshalJSONValue(v any) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		raw, err := json.Marshal(v)
		if err != nil {
			raw = []byte("null")
		}
		_, _ = w.Write(raw)
	})
}

// UnmarshalJSONValue reads the JSON scalar: any value passes as it is.
func UnmarshalJSONValue(v any) (any, error) { return v, nil }
