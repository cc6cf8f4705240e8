package auth_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
)

type claims struct {
	jwt.Claims
	Role string `json:"role,omitempty"`
}

func sign(t *testing.T, alg jose.SignatureAlgorithm, key any, kid string, c claims) string {
	t.Helper()
	opts := (&jose.SignerOptions{}).WithType("JWT")
	if kid != "" {
		opts = opts.WithHeader("kid", kid)
	}
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key}, opts)
	if err != nil {
		t.Fatal(err)
	}
	token, err := jwt.Signed(s).Claims(c).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// TestJWT signs tokens with HS256, RS256 and ES256 and checks which the verifier takes: only those signed
// by a configured key, issued by the expected issuer for the expected audience, not expired, naming a
// subject and a known role.
func TestJWT(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	otherRSA, _ := rsa.GenerateKey(rand.Reader, 2048)
	set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
		{Key: &rsaKey.PublicKey, KeyID: "rsa-1", Algorithm: string(jose.RS256), Use: "sig"},
		{Key: &ecKey.PublicKey, KeyID: "ec-1", Algorithm: string(jose.ES256), Use: "sig"},
	}}
	data, _ := json.Marshal(set)
	path := filepath.Join(t.TempDir(), "jwks.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	keys, err := auth.LoadJWKS(path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	v := &auth.JWT{Secret: secret, Keys: keys, Issuer: "https://id.example.org", Audience: "stakeholder-graph", Now: func() time.Time { return now }}
	if err := v.Check(); err != nil {
		t.Fatal(err)
	}
	good := func() claims {
		return claims{Claims: jwt.Claims{Issuer: "https://id.example.org", Audience: jwt.Audience{"stakeholder-graph"},
			Subject: "ana@ngo.example", Expiry: jwt.NewNumericDate(now.Add(time.Hour)), IssuedAt: jwt.NewNumericDate(now)}, Role: "editor"}
	}
	with := func(change func(*claims)) claims { c := good(); change(&c); return c }
	for _, tc := range []struct {
		name  string
		token string
		want  auth.Role // "" for refused
	}{
		{"HS256", sign(t, jose.HS256, secret, "", good()), auth.RoleEditor},
		{"RS256 from the JWKS", sign(t, jose.RS256, rsaKey, "rsa-1", with(func(c *claims) { c.Role = "admin" })), auth.RoleAdmin},
		{"ES256 from the JWKS", sign(t, jose.ES256, ecKey, "ec-1", with(func(c *claims) { c.Role = "viewer" })), auth.RoleViewer},
		{"another secret", sign(t, jose.HS256, []byte("fedcba9876543210fedcba9876543210"), "", good()), ""},
		{"an RSA key the JWKS lacks", sign(t, jose.RS256, otherRSA, "rsa-1", good()), ""},
		{"an unknown kid", sign(t, jose.RS256, rsaKey, "rsa-2", good()), ""},
		{"expired", sign(t, jose.HS256, secret, "", with(func(c *claims) { c.Expiry = jwt.NewNumericDate(now.Add(-2 * time.Minute)) })), ""},
		{"no expiry", sign(t, jose.HS256, secret, "", with(func(c *claims) { c.Expiry = nil })), ""},
		{"another issuer", sign(t, jose.HS256, secret, "", with(func(c *claims) { c.Issuer = "https://evil.example" })), ""},
		{"another audience", sign(t, jose.HS256, secret, "", with(func(c *claims) { c.Audience = jwt.Audience{"another-api"} })), ""},
		{"no subject", sign(t, jose.HS256, secret, "", with(func(c *claims) { c.Subject = "" })), ""},
		{"no role", sign(t, jose.HS256, secret, "", with(func(c *claims) { c.Role = "" })), ""},
		{"an unknown role", sign(t, jose.HS256, secret, "", with(func(c *claims) { c.Role = "root" })), ""},
		{"not yet valid", sign(t, jose.HS256, secret, "", with(func(c *claims) { c.NotBefore = jwt.NewNumericDate(now.Add(time.Hour)) })), ""},
		{"unsigned (alg none)", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.", ""},
		{"garbage", "a.b.c", ""},
	} {
		p, err := v.Verify(tc.token)
		switch {
		case tc.want == "" && err != auth.ErrBadCredentials:
			t.Errorf("%s: %+v, %v; want ErrBadCredentials", tc.name, p, err)
		case tc.want != "" && (err != nil || p.Role != tc.want || p.Subject == ""):
			t.Errorf("%s: %+v, %v; want %s", tc.name, p, err, tc.want)
		}
	}
	// Through a Verifier, a JWT and an API key each take their own path.
	ver := &auth.Verifier{JWT: v}
	if p, err := ver.Authenticate(t.Context(), sign(t, jose.HS256, secret, "", good())); err != nil || p.Subject != "jwt:ana@ngo.example" {
		t.Errorf("through a Verifier: %+v %v", p, err)
	}
	if _, err := ver.Authenticate(t.Context(), "sgk_0123456789abcdef_abc"); err != auth.ErrBadCredentials {
		t.Errorf("an API key where none are kept: %v", err)
	}
	for _, bad := range []*auth.JWT{{Issuer: "i", Audience: "a"}, {Secret: []byte("short"), Issuer: "i", Audience: "a"}, {Secret: secret, Audience: "a"}} {
		if bad.Check() == nil {
			t.Errorf("%+v passed Check", bad)
		}
	}
}
