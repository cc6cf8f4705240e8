package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// JWT checks JSON Web Tokens from an identity provider: signed with HS256 and a shared secret, or with
// RS256 or ES256 and a public key of a JWKS file, issued by Issuer for Audience and not expired. The
// token's RoleClaim names its role; a token without a known role is refused, not taken as a viewer.
type JWT struct {
	Secret    []byte              // HS256; nil accepts no HS256 token
	Keys      *jose.JSONWebKeySet // RS256 and ES256, by key id; nil accepts none
	Issuer    string
	Audience  string
	RoleClaim string           // "role" when empty
	Leeway    time.Duration    // clock skew allowed on exp and nbf; a minute when zero
	Now       func() time.Time // time.Now when nil
}

// MinSecretBytes is the shortest HS256 secret accepted: as long as the hash.
const MinSecretBytes = 32

// LoadJWKS reads a JWKS file (a JSON object with a "keys" list of public keys, each with its kid).
func LoadJWKS(path string) (*jose.JSONWebKeySet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(data, &set); err != nil {
		return nil, fmt.Errorf("%s is not a JWKS file: %w", path, err)
	}
	if len(set.Keys) == 0 {
		return nil, fmt.Errorf("%s holds no keys", path)
	}
	for _, k := range set.Keys {
		if !k.IsPublic() {
			return nil, fmt.Errorf("%s holds a private key (kid %q): give only public keys", path, k.KeyID)
		}
		if k.KeyID == "" {
			return nil, fmt.Errorf("%s holds a key without a kid", path)
		}
	}
	return &set, nil
}

// Check reports a configuration that could accept tokens it should not.
func (j *JWT) Check() error {
	switch {
	case j.Secret == nil && j.Keys == nil:
		return errors.New("JWTs need an HS256 secret or a JWKS file")
	case j.Secret != nil && len(j.Secret) < MinSecretBytes:
		return fmt.Errorf("the HS256 secret must have at least %d bytes", MinSecretBytes)
	case j.Issuer == "" || j.Audience == "":
		return errors.New("JWTs need the issuer and the audience to expect")
	}
	return nil
}

// Verify returns the principal a JWT stands for, or ErrBadCredentials.
func (j *JWT) Verify(token string) (Principal, error) {
	tok, err := jwt.ParseSigned(token, []jose.SignatureAlgorithm{jose.HS256, jose.RS256, jose.ES256})
	if err != nil || len(tok.Headers) != 1 {
		return Principal{}, ErrBadCredentials
	}
	var key any
	switch h := tok.Headers[0]; jose.SignatureAlgorithm(h.Algorithm) {
	case jose.HS256:
		if j.Secret == nil {
			return Principal{}, ErrBadCredentials
		}
		key = j.Secret
	default: // RS256 or ES256, the only others ParseSigned accepted
		if j.Keys == nil {
			return Principal{}, ErrBadCredentials
		}
		found := j.Keys.Key(h.KeyID)
		if len(found) != 1 || found[0].Algorithm != "" && found[0].Algorithm != h.Algorithm {
			return Principal{}, ErrBadCredentials
		}
		key = found[0].Key
	}
	var claims jwt.Claims
	custom := map[string]any{}
	if err := tok.Claims(key, &claims, &custom); err != nil {
		return Principal{}, ErrBadCredentials
	}
	now, leeway := time.Now(), j.Leeway
	if j.Now != nil {
		now = j.Now()
	}
	if leeway == 0 {
		leeway = time.Minute
	}
	if claims.Expiry == nil || claims.Subject == "" {
		return Principal{}, ErrBadCredentials // a token that never expires, or names nobody, is not taken
	}
	if err := claims.ValidateWithLeeway(jwt.Expected{Issuer: j.Issuer, AnyAudience: jwt.Audience{j.Audience}, Time: now}, leeway); err != nil {
		return Principal{}, ErrBadCredentials
	}
	name := j.RoleClaim
	if name == "" {
		name = "role"
	}
	s, _ := custom[name].(string)
	role, err := ParseRole(s)
	if err != nil {
		return Principal{}, ErrBadCredentials
	}
	return Principal{Subject: "jwt:" + claims.Subject, Role: role}, nil
}

// looksLikeJWT reports whether a token has a JWT's three dot-separated parts.
func looksLikeJWT(token string) bool { return strings.Count(token, ".") == 2 }
