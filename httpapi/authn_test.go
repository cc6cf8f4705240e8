package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/stakeholder-graph/stakeholder-graph/app"
	"github.com/stakeholder-graph/stakeholder-graph/auth"
	"github.com/stakeholder-graph/stakeholder-graph/httpapi"
	"github.com/stakeholder-graph/stakeholder-graph/neo4jtest"
)

// post sends a GraphQL query with an Authorization header (none when empty) and returns the status and
// the decoded body.
func post(t *testing.T, h http.Handler, authorization, query string) (int, http.Header, map[string]any) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("decoding %q: %v", rec.Body.String(), err)
	}
	return rec.Code, rec.Header(), out
}

func errorCode(body map[string]any) string {
	errs, _ := body["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	e, _ := errs[0].(map[string]any)
	ext, _ := e["extensions"].(map[string]any)
	code, _ := ext["code"].(string)
	return code
}

// TestBearerTokens checks who the API takes a request to come from: anonymous without a token, the key's
// role with a valid API key, and 401 UNAUTHENTICATED for a token that is unknown, wrong, malformed or
// revoked, on the GraphQL endpoint and the exports alike; and that the response cache keeps answers apart
// by who asked.
func TestBearerTokens(t *testing.T) {
	store := neo4jtest.Store(t)
	ctx := t.Context()
	editorToken, editor, err := auth.NewKey("curation desk", auth.RoleEditor, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	revokedToken, revoked, _ := auth.NewKey("a laptop that was lost", auth.RoleAdmin, time.Now())
	for _, k := range []auth.Key{editor, revoked} {
		if err := store.CreateAPIKey(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
	if found, err := store.RevokeAPIKey(ctx, revoked.ID, time.Now()); err != nil || !found {
		t.Fatalf("revoking: %v %v", found, err)
	}
	h := newAPI(store, httpapi.Config{Ready: store, ResponseCacheBytes: 1 << 20})
	const who = `{ viewer { authenticated role subject } }`
	viewerOf := func(body map[string]any) map[string]any {
		data, _ := body["data"].(map[string]any)
		v, _ := data["viewer"].(map[string]any)
		return v
	}
	// Twice each, so the second answer may come from the response cache: it must still be the asker's.
	for range 2 {
		status, _, body := post(t, h, "", who)
		if v := viewerOf(body); status != 200 || v["authenticated"] != false || v["role"] != "VIEWER" || v["subject"] != nil {
			t.Errorf("anonymous: %d %v", status, body)
		}
		status, _, body = post(t, h, "Bearer "+editorToken, who)
		if v := viewerOf(body); status != 200 || v["authenticated"] != true || v["role"] != "EDITOR" || v["subject"] != "key:"+editor.ID {
			t.Errorf("editor key: %d %v", status, body)
		}
	}
	wrongSecret := editorToken[:len(editorToken)-4] + "AAAA"
	for name, header := range map[string]string{
		"unknown key":     "Bearer sgk_0123456789abcdef_" + "c2VjcmV0",
		"wrong secret":    "Bearer " + wrongSecret,
		"revoked key":     "Bearer " + revokedToken,
		"not a key":       "Bearer hello",
		"another scheme":  "Basic " + editorToken,
		"scheme only":     "Bearer",
		"lower-case kind": "bearer " + wrongSecret,
	} {
		status, header, body := post(t, h, header, who)
		if status != http.StatusUnauthorized || errorCode(body) != "UNAUTHENTICATED" || header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: %d %v, want 401 UNAUTHENTICATED with WWW-Authenticate", name, status, body)
		}
		if body["data"] != nil {
			t.Errorf("%s: answered data %v", name, body["data"])
		}
	}
	if status, _, _ := post(t, h, "bearer "+editorToken, who); status != 200 {
		t.Errorf("the scheme's case should not matter: %d", status)
	}
	req := httptest.NewRequest(http.MethodGet, "/export/json", nil)
	req.Header.Set("Authorization", "Bearer "+revokedToken)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized {
		t.Errorf("export with a revoked key: %d, want 401", rec.Code)
	}

	closed := newAPI(store, httpapi.Config{Ready: store, Auth: httpapi.AuthConfig{NoAnonymous: true}})
	if status, _, body := post(t, closed, "", who); status != http.StatusUnauthorized || errorCode(body) != "UNAUTHENTICATED" {
		t.Errorf("no token where anonymous use is off: %d %v", status, body)
	}
	if status, _, body := post(t, closed, "Bearer "+editorToken, who); status != 200 || viewerOf(body)["role"] != "EDITOR" {
		t.Errorf("a key where anonymous use is off: %d %v", status, body)
	}
}

// TestJWTBearer checks a JSON Web Token through the HTTP layer: taken for the role it carries when the
// service expects its issuer and audience, refused with 401 once expired.
func TestJWTBearer(t *testing.T) {
	store := neo4jtest.Store(t)
	secret := []byte("0123456789abcdef0123456789abcdef")
	h := app.NewAPI(store, app.APIConfig{HTTP: httpapi.Config{Ready: store},
		JWT: &auth.JWT{Secret: secret, Issuer: "https://id.example.org", Audience: "stakeholder-graph"}}, nil)
	token := func(expires time.Time) string {
		s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: secret}, nil)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := jwt.Signed(s).Claims(map[string]any{"iss": "https://id.example.org", "aud": "stakeholder-graph",
			"sub": "secretariat@ministry.example", "exp": expires.Unix(), "role": "admin"}).Serialize()
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	status, _, body := post(t, h, "Bearer "+token(time.Now().Add(time.Hour)), `{ viewer { role subject } }`)
	data, _ := body["data"].(map[string]any)
	v, _ := data["viewer"].(map[string]any)
	if status != 200 || v["role"] != "ADMIN" || v["subject"] != "jwt:secretariat@ministry.example" {
		t.Errorf("a valid JWT: %d %v", status, body)
	}
	if status, _, body := post(t, h, "Bearer "+token(time.Now().Add(-time.Hour)), `{ viewer { role } }`); status != http.StatusUnauthorized || errorCode(body) != "UNAUTHENTICATED" {
		t.Errorf("an expired JWT: %d %v", status, body)
	}
}

// TestPublicDeployment checks that introspection and the playground can be turned off: the schema
// queries are refused while ordinary queries and __typename answer, and /playground is not served.
func TestPublicDeployment(t *testing.T) {
	store := neo4jtest.Store(t)
	open := newAPI(store, httpapi.Config{Ready: store})
	closed := newAPI(store, httpapi.Config{Ready: store, NoIntrospection: true, NoPlayground: true})
	const schemaQuery = `{ __schema { queryType { name } } }`
	if status, _, body := post(t, open, "", schemaQuery); status != 200 || body["errors"] != nil {
		t.Errorf("introspection on: %d %v", status, body)
	}
	if _, _, body := post(t, closed, "", schemaQuery); body["errors"] == nil || strings.Contains(fmt.Sprint(body["data"]), "Query") {
		t.Errorf("introspection off answered the schema: %v", body)
	}
	if _, _, body := post(t, closed, "", `{ __type(name: "Stakeholder") { name } }`); body["errors"] == nil {
		t.Errorf("introspection off answered __type: %v", body)
	}
	if status, _, body := post(t, closed, "", `{ __typename stakeholder(slug: "mapo") { name } }`); status != 200 || body["errors"] != nil {
		t.Errorf("an ordinary query with introspection off: %d %v", status, body)
	}
	for h, want := range map[http.Handler]int{open: http.StatusOK, closed: http.StatusNotFound} {
		if resp := get(t, h, "/playground"); resp.StatusCode != want {
			t.Errorf("/playground: %d, want %d", resp.StatusCode, want)
		}
	}
}
