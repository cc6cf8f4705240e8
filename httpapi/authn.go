package httpapi

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/domain"
)

// Authenticator turns a bearer token into a principal (auth.Verifier).
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (auth.Principal, error)
}

// AuthConfig says who may use the API.
type AuthConfig struct {
	// Tokens checks bearer tokens; nil accepts none, so every request with one is refused.
	Tokens Authenticator
	// NoAnonymous refuses requests without a token; otherwise they read as auth.Anonymous (a viewer).
	NoAnonymous bool
}

// authenticate puts the request's principal in its context, or answers 401 UNAUTHENTICATED: for a token
// that is not valid (without saying why), and for no token when anonymous use is off. A token store that
// cannot be read answers as the store fails (503), not as a bad token.
func authenticate(cfg AuthConfig, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions { // a CORS preflight carries no credentials
			next.ServeHTTP(w, r)
			return
		}
		if cfg.NoAnonymous && r.Header.Get("Authorization") == "" && strings.EqualFold(r.Header.Get("Upgrade"), "websocket") {
			// A browser cannot send the header on a WebSocket: the token comes in connection_init, which
			// the live transport checks (liveTransport), refusing a connection without one.
			next.ServeHTTP(w, r)
			return
		}
		p, err := principalOf(r, cfg)
		switch {
		case errors.Is(err, auth.ErrBadCredentials):
			w.Header().Set("WWW-Authenticate", `Bearer realm="stakeholder-graph"`)
			writeRequestError(w, http.StatusUnauthorized, "UNAUTHENTICATED", err.Error())
			return
		case err != nil:
			writeRequestError(w, statusOf(err), string(domain.ErrorCode(err)), domain.ErrorMessage(err))
			return
		}
		next.ServeHTTP(w, r.WithContext(auth.WithPrincipal(r.Context(), p)))
	})
}

func principalOf(r *http.Request, cfg AuthConfig) (auth.Principal, error) {
	header := r.Header.Get("Authorization")
	if header == "" {
		if cfg.NoAnonymous {
			return auth.Principal{}, errNoToken
		}
		return auth.Anonymous, nil
	}
	scheme, token, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || cfg.Tokens == nil {
		return auth.Principal{}, auth.ErrBadCredentials
	}
	return cfg.Tokens.Authenticate(r.Context(), strings.TrimSpace(token))
}

// errNoToken answers a request without a token where anonymous use is off. It is a kind of bad
// credentials.
var errNoToken error = noToken{}

type noToken struct{}

func (noToken) Error() string {
	return "this service needs a bearer token: send Authorization: Bearer <key>"
}
func (noToken) Is(target error) bool { return target == auth.ErrBadCredentials }
