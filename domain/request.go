package domain

import "context"

type requestIDKey struct{}

// WithRequestID returns ctx carrying the ID of the request it serves, for the audit trail and logs.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestIDOf returns the ID of the request ctx serves, or "" outside a request.
func RequestIDOf(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
