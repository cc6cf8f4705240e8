package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// httpTransport answers GraphQL over HTTP as the GraphQL-over-HTTP specification describes: GET with the
// parameters in the query string (queries only), and POST with a JSON body. It replaces gqlgen's GET and
// POST transports for three reasons:
//
//   - status codes: a request the service cannot run (malformed JSON, no query, a batch) is 400, a body
//     over the size limit 413, and a document that does not parse, validate or pass the limits is 200
//     with application/json and 400 with application/graphql-response+json, with no `data` entry; an
//     answer that failed because the database is unreachable is 503 with Retry-After, so load balancers
//     and clients back off;
//   - every error carries a code, including those of the transport itself;
//   - the data gqlgen's executor produces is already compact JSON, and passing it through encoding/json
//     again (which re-scans every byte of a raw message) cost a tenth of the CPU of the mix of dashboard
//     queries, so the response is assembled here.
type httpTransport struct {
	// maxBody bounds a POST body, in bytes.
	maxBody int64
}

var _ graphql.Transport = httpTransport{}

const (
	contentJSON            = "application/json"
	contentGraphQLResponse = "application/graphql-response+json"
)

// Codes of requests refused by the transport.
const (
	codeBadRequest      = "BAD_REQUEST"
	codeTooLarge        = "REQUEST_TOO_LARGE"
	codeUnsupportedType = "UNSUPPORTED_MEDIA_TYPE"
	codeMethod          = "METHOD_NOT_ALLOWED"
)

// Supports takes GETs (but not WebSocket upgrades) and POSTs with a JSON body.
func (httpTransport) Supports(r *http.Request) bool {
	if r.Header.Get("Upgrade") != "" {
		return false
	}
	if r.Method == http.MethodGet {
		return true
	}
	if r.Method != http.MethodPost {
		return false
	}
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mediaType == contentJSON
}

func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	contentType := responseType(r.Header.Get("Accept"))
	w.Header().Set("Content-Type", contentType)
	start := graphql.Now()
	params, status, err := t.params(w, r)
	if err != nil {
		code := codeBadRequest
		if status == http.StatusRequestEntityTooLarge {
			code = codeTooLarge
		}
		noteRefusal(ctx, code)
		writeRequestError(w, status, code, err.Error())
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	op, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, op), errs)
		status := requestErrorStatus(resp.Errors, contentType)
		if status >= 500 || status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "1")
		}
		w.WriteHeader(status)
		writeResponse(w, resp, false)
		return
	}
	if r.Method == http.MethodGet && op.Operation.Operation != ast.Query {
		w.Header().Set("Allow", http.MethodPost)
		writeRequestError(w, http.StatusMethodNotAllowed, codeMethod, "only queries may be sent with GET; send "+string(op.Operation.Operation)+"s with POST")
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, op)
	resp := responses(ctx)
	if resp == nil {
		writeRequestError(w, http.StatusServiceUnavailable, string(domain.CodeUnavailable), "the request ended before it was answered")
		return
	}
	if status := failureStatus(resp.Errors); status != 0 {
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(status)
	}
	writeResponse(w, resp, true)
}

// params reads the request's GraphQL parameters, or says why it cannot, with the HTTP status to answer.
func (t httpTransport) params(w http.ResponseWriter, r *http.Request) (*graphql.RawParams, int, error) {
	params := &graphql.RawParams{}
	if r.Method == http.MethodGet {
		q, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			return nil, http.StatusBadRequest, fmt.Errorf("the query string could not be read: %v", err)
		}
		params.Query, params.OperationName = q.Get("query"), q.Get("operationName")
		for name, dst := range map[string]*map[string]any{"variables": &params.Variables, "extensions": &params.Extensions} {
			if v := q.Get(name); v != "" {
				if err := decodeJSON(strings.NewReader(v), dst); err != nil {
					return nil, http.StatusBadRequest, fmt.Errorf("%s is not a JSON object: %v", name, err)
				}
			}
		}
	} else {
		if r.ContentLength > t.maxBody {
			return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("the request body has %d bytes; the limit is %d", r.ContentLength, t.maxBody)
		}
		body := http.MaxBytesReader(w, r.Body, t.maxBody)
		raw, err := io.ReadAll(body)
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("the request body is over the limit of %d bytes", t.maxBody)
			}
			return nil, http.StatusBadRequest, fmt.Errorf("the request body could not be read: %v", err)
		}
		if trimmed := bytes.TrimLeft(raw, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '[' {
			return nil, http.StatusBadRequest, errors.New("batched requests are not supported: send one operation per request")
		}
		if err := decodeJSON(bytes.NewReader(raw), params); err != nil {
			return nil, http.StatusBadRequest, fmt.Errorf("the request body is not a GraphQL request in JSON: %v", err)
		}
	}
	if params.Query == "" && params.Extensions["persistedQuery"] == nil {
		return nil, http.StatusBadRequest, errors.New("the request has no query")
	}
	return params, 0, nil
}

// decodeJSON decodes one JSON value, with numbers kept as written, and refuses anything after it.
func decodeJSON(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("more follows the JSON value")
	}
	return nil
}

// responseType picks the response media type from the Accept header, as the GraphQL-over-HTTP draft
// says: the first of application/json and application/graphql-response+json the client accepts, JSON when
// it says nothing or accepts anything.
func responseType(accept string) string {
	if accept == "" {
		return contentJSON
	}
	for _, part := range strings.Split(accept, ",") {
		mediaType, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mediaType {
		case "*/*", "application/*", contentJSON:
			return contentJSON
		case contentGraphQLResponse:
			return contentGraphQLResponse
		}
	}
	return contentGraphQLResponse
}

// requestErrorStatus is the HTTP status of a request refused before it ran (a document that does not
// parse, validate or pass the limits, or variables that do not fit): 200 for application/json, as the
// GraphQL-over-HTTP specification asks for compatibility, and 400 for application/graphql-response+json.
// A database outage is 503 either way.
func requestErrorStatus(errs gqlerror.List, contentType string) int {
	if status := failureStatus(errs); status != 0 {
		return status
	}
	if contentType == contentGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusOK
}

// failureStatus is the HTTP status of an answer whose errors say the service could not serve it now: 503
// when the database is unreachable or the service is overloaded, 429 when the client sent too much; 0
// when the errors are of another kind. These answers carry Retry-After.
func failureStatus(errs gqlerror.List) int {
	switch {
	case hasCode(errs, string(domain.CodeUnavailable)), hasCode(errs, codeOverloaded):
		return http.StatusServiceUnavailable
	case hasCode(errs, codeRateLimited):
		return http.StatusTooManyRequests
	}
	return 0
}

func hasCode(errs gqlerror.List, code string) bool {
	for _, e := range errs {
		if c, _ := e.Extensions["code"].(string); c == code {
			return true
		}
	}
	return false
}

// writeRequestError answers a request refused before GraphQL saw it: one error with a code, no data.
func writeRequestError(w http.ResponseWriter, status int, code, message string) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", contentJSON)
	}
	w.WriteHeader(status)
	writeResponse(w, &graphql.Response{Errors: gqlerror.List{{Message: message, Extensions: map[string]any{"code": code}}}}, false)
}

var responseBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeResponse writes a response in the shape of graphql.Response's JSON encoding: errors when there are
// any, data (null when absent) unless the request never ran, extensions when there are any.
func writeResponse(w io.Writer, resp *graphql.Response, withData bool) {
	buf := responseBuffers.Get().(*bytes.Buffer)
	defer responseBuffers.Put(buf)
	buf.Reset()
	buf.WriteByte('{')
	sep := ""
	if len(resp.Errors) > 0 {
		buf.WriteString(`"errors":`)
		appendJSON(buf, resp.Errors)
		sep = ","
	}
	if withData {
		buf.WriteString(sep + `"data":`)
		if len(resp.Data) == 0 {
			buf.WriteString("null")
		} else {
			buf.Write(resp.Data)
		}
		sep = ","
	}
	if len(resp.Extensions) > 0 {
		buf.WriteString(sep + `"extensions":`)
		appendJSON(buf, resp.Extensions)
	}
	buf.WriteByte('}')
	_, _ = w.Write(buf.Bytes())
}

func appendJSON(buf *bytes.Buffer, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		b = []byte(`null`)
	}
	buf.Write(b)
}

// unsupportedTransport answers what no other transport takes: a POST that is not JSON, or another method.
type unsupportedTransport struct{}

func (unsupportedTransport) Supports(*http.Request) bool { return true }

func (unsupportedTransport) Do(w http.ResponseWriter, r *http.Request, _ graphql.GraphExecutor) {
	w.Header().Set("Content-Type", contentJSON)
	if r.Method == http.MethodPost {
		noteRefusal(r.Context(), codeUnsupportedType)
		writeRequestError(w, http.StatusUnsupportedMediaType, codeUnsupportedType,
			"send the request as JSON (Content-Type: application/json)")
		return
	}
	w.Header().Set("Allow", "GET, POST")
	writeRequestError(w, http.StatusMethodNotAllowed, codeMethod, "GraphQL takes GET and POST")
}
