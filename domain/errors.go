package domain

import (
	"errors"
	"fmt"
)

// Code classifies an error for the people and programs that receive it.
type Code string

// The error codes. The GraphQL layer shows them as `extensions.code`.
const (
	// CodeInvalid means the caller's input was wrong; retrying it unchanged will fail again.
	CodeInvalid Code = "BAD_USER_INPUT"
	// CodeNotFound means the thing asked for does not exist.
	CodeNotFound Code = "NOT_FOUND"
	// CodeConflict means the input clashes with what is stored.
	CodeConflict Code = "CONFLICT"
	// CodeUnauthenticated means the request carries no credential, or one that is not valid, and what it
	// asks for needs one.
	CodeUnauthenticated Code = "UNAUTHENTICATED"
	// CodeForbidden means the caller's role does not allow what it asks for.
	CodeForbidden Code = "FORBIDDEN"
	// CodeTooLarge means the request asks for more work than the service does in one request (an exact
	// analysis of a very large view); narrower arguments will work.
	CodeTooLarge Code = "TOO_LARGE"
	// CodeUnavailable means the database could not be reached or timed out; retrying later may work.
	CodeUnavailable Code = "UNAVAILABLE"
	// CodeInternal means something went wrong on our side. Its details are logged, never shown.
	CodeInternal Code = "INTERNAL"
)

// Error is the one error type the service reports to its users. Message is safe to show; Err, if set, is
// the underlying cause, for logs only.
type Error struct {
	Code    Code
	Message string
	// Field is the path of the input field at fault, such as `input.tie.since`, when one is.
	Field string
	Err   error
}

// Error returns the message, with the cause for internal errors so logs keep it.
func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an Error with a formatted, user-safe message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf builds an Error about the input field at path field.
func FieldErrorf(code Code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: field + ": " + fmt.Sprintf(format, args...)}
}

// Internal wraps an unexpected error. Its message is generic; the cause is kept for the logs.
func Internal(err error) *Error {
	return &Error{Code: CodeInternal, Message: "internal error", Err: err}
}

// ErrorCode returns the code of err's domain Error, or CodeInternal when err is not one.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorMessage returns the user-safe message of err's domain Error, or a generic one.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != CodeInternal {
		return e.Message
	}
	return "internal error"
}
