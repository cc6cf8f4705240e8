package httpapi

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/exchange"
)

// NetworkReader reads a network view with everything its ties carry.
type NetworkReader interface {
	Network(ctx context.Context, f domain.NetworkFilter, detail bool) (*domain.Network, error)
}

// exportNetwork serves GET /export/{format}: the network view the query parameters select (those of
// domain.ParseNetworkFilter), as a file download. A download
// reads the whole view, so it runs in a heavy slot (see admission).
func exportNetwork(networks NetworkReader, admit *admission) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := exchange.ParseFormat(r.PathValue("format"))
		if err != nil {
			writeError(w, err)
			return
		}
		filter, err := domain.ParseNetworkFilter(r.URL.Query().Get)
		if err == nil {
			err = f.CanWrite(filter)
		}
		if err != nil {
			writeError(w, err)
			return
		}
		release, refused := admit.acquire(r.Context(), true)
		if refused != nil {
			code, _ := refused.Extensions["code"].(string)
			refuse(w, failureStatus(gqlerror.List{refused}), code, time.Second, refused.Message)
			return
		}
		defer release()
		n, err := networks.Network(r.Context(), filter, true)
		if err != nil {
			writeError(w, err)
			return
		}
		w.Header().Set("Content-Type", f.MediaType())
		w.Header().Set("Content-Disposition", `attachment; filename="stakeholder-network`+f.Extension()+`"`)
		if err := exchange.Write(w, f, n); err != nil {
			// The headers are gone; all we can do is cut the download short and log.
			panic(http.ErrAbortHandler)
		}
	})
}

// writeError answers a non-GraphQL request with the error's code and user-safe message as JSON.
func writeError(w http.ResponseWriter, err error) {
	writeJSON(w, statusOf(err), map[string]any{"error": map[string]string{
		"code": string(domain.ErrorCode(err)), "message": domain.ErrorMessage(err)}})
}

// statusOf is the HTTP status of a request that failed with err before any answer was written.
func statusOf(err error) int {
	var de *domain.Error
	if errors.As(err, &de) {
		switch de.Code {
		case domain.CodeInvalid, domain.CodeTooLarge:
			return http.StatusBadRequest
		case domain.CodeNotFound:
			return http.StatusNotFound
		case domain.CodeUnavailable:
			return http.StatusServiceUnavailable
		}
	}
	return http.StatusInternalServerError
}
