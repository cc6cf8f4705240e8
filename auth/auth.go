// Package auth says who a request comes from and what they may do: a Principal with a Role, carried in
// the request's context. Credentials are bearer tokens; this package issues and checks API keys (random
// secrets shown once and stored only as hashes) and leaves storing them to a KeyStore.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Role is what a principal may do. Each role may do everything the ones before it may.
type Role string

// The roles, from the least to the most allowed.
const (
	RoleViewer Role = "viewer"
	RoleEditor Role = "editor"
	RoleAdmin  Role = "admin"
)

// Roles lists the roles from the least to the most allowed.
var Roles = []Role{RoleViewer, RoleEditor, RoleAdmin}

func (r Role) rank() int {
	for i, x := range Roles {
		if x == r {
			return i
		}
	}
	return -1
}

// IsValid reports whether r is a known role.
func (r Role) IsValid() bool { return r.rank() >= 0 }

// Allows reports whether r may do what needs at least role need.
func (r Role) Allows(need Role) bool { return r.IsValid() && r.rank() >= need.rank() }

// ParseRole reads a role by name, ignoring case.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if !r.IsValid() {
		return "", fmt.Errorf("%q is not a role: use viewer, editor or admin", s)
	}
	return r, nil
}

// Principal is who a request comes from: Anonymous, or the subject of a credential with its role.
type Principal struct {
	// Subject names the credential: "key:<id>" for an API key; "" when anonymous.
	Subject string
	Role    Role
}

// Anonymous is the principal of a request without credentials, when anonymous reading is allowed.
var Anonymous = Principal{Role: RoleViewer}

// Authenticated reports whether p comes from a credential.
func (p Principal) Authenticated() bool { return p.Subject != "" }

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalOf returns the principal ctx carries, and whether it carries one.
func PrincipalOf(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// ErrBadCredentials is the answer to a token that is malformed, unknown, revoked or wrong. It says no
// more, so a caller cannot tell which.
var ErrBadCredentials = errors.New("the bearer token is not valid")

// KeyPrefix starts every API key, so a key is recognisable in logs and by secret scanners.
const KeyPrefix = "sgk_"

// Key is a stored API key: everything but its secret, of which only a hash is kept.
type Key struct {
	ID        string
	Name      string
	Role      Role
	Hash      string // hex SHA-256 of the secret
	Created   time.Time
	RevokedAt *time.Time
}

// NewKey draws a key for role with a name saying who holds it, and returns the token to hand over once
// (sgk_<id>_<secret>) and the record to store. The secret has 256 random bits, so a fast hash protects
// it as well as a slow one would.
func NewKey(name string, role Role, now time.Time) (token string, k Key, err error) {
	if !role.IsValid() {
		return "", Key{}, fmt.Errorf("%q is not a role", role)
	}
	if name = strings.TrimSpace(name); name == "" || len(name) > 200 {
		return "", Key{}, errors.New("a key needs a name of 1 to 200 characters saying who holds it")
	}
	id, secret := make([]byte, 8), make([]byte, 32)
	if _, err := rand.Read(id); err != nil {
		return "", Key{}, err
	}
	if _, err := rand.Read(secret); err != nil {
		return "", Key{}, err
	}
	s := base64.RawURLEncoding.EncodeToString(secret)
	k = Key{ID: hex.EncodeToString(id), Name: name, Role: role, Hash: hashSecret(s), Created: now.UTC()}
	return KeyPrefix + k.ID + "_" + s, k, nil
}

// ParseKey splits an API key token into its id and secret.
func ParseKey(token string) (id, secret string, ok bool) {
	rest, found := strings.CutPrefix(token, KeyPrefix)
	if !found {
		return "", "", false
	}
	id, secret, found = strings.Cut(rest, "_")
	if !found || len(id) != 16 || secret == "" || len(secret) > 100 {
		return "", "", false
	}
	if _, err := hex.DecodeString(id); err != nil {
		return "", "", false
	}
	return id, secret, true
}

// Matches reports whether secret is k's, in time that does not depend on where they differ, and k is
// not revoked.
func (k Key) Matches(secret string) bool {
	return k.RevokedAt == nil && subtle.ConstantTimeCompare([]byte(hashSecret(secret)), []byte(k.Hash)) == 1
}

func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
