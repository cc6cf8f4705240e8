package httpapi

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/coder/websocket"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
)

// liveTransport serves subscriptions over WebSocket (graphql-ws and graphql-transport-ws). The upgrade
// request has passed authenticate already, so a token in its Authorization header counts; browsers cannot
// send that header on a WebSocket, so a token in the connection_init payload counts too, and a bad one
// closes the connection. Browsers may connect from the service's own origin and from AllowedOrigins.
func liveTransport(cfg Config) transport.Websocket {
	var patterns []string
	for _, o := range cfg.AllowedOrigins {
		if u, err := url.Parse(o); err == nil && u.Host != "" {
			patterns = append(patterns, u.Host)
		} else if o == "*" {
			patterns = append(patterns, "*")
		}
	}
	return transport.Websocket{
		Implementation:        transport.CoderWebsocketImplementation{AcceptOptions: websocket.AcceptOptions{OriginPatterns: patterns}},
		KeepAlivePingInterval: 15 * time.Second,
		InitTimeout:           10 * time.Second,
		InitFunc: func(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
			header := payload.Authorization()
			if header == "" {
				if _, ok := auth.PrincipalOf(ctx); !ok { // anonymous use is off (see authenticate)
					return ctx, nil, errNoToken
				}
				return ctx, nil, nil
			}
			scheme, token, ok := strings.Cut(header, " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") || cfg.Auth.Tokens == nil {
				return ctx, nil, auth.ErrBadCredentials
			}
			p, err := cfg.Auth.Tokens.Authenticate(ctx, strings.TrimSpace(token))
			if err != nil {
				return ctx, nil, err
			}
			return auth.WithPrincipal(ctx, p), nil, nil
		},
	}
}
