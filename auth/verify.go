package auth

import (
	"context"
	"strings"
	"sync"
	"time"
)

// KeyStore keeps API keys.
type KeyStore interface {
	// APIKey returns the key with this id; found is false when there is none.
	APIKey(ctx context.Context, id string) (k Key, found bool, err error)
}

// Verifier turns bearer tokens into principals. It remembers the keys it read for TTL, so a request
// with a key seldom waits for the store; a key revoked by another process stops working within TTL, one
// revoked through Forget at once.
type Verifier struct {
	Keys KeyStore // nil accepts no API key
	JWT  *JWT     // nil accepts no JWT
	TTL  time.Duration

	mu   sync.Mutex
	seen map[string]cachedKey
}

type cachedKey struct {
	key   Key
	found bool
	read  time.Time
}

// DefaultKeyTTL is how long a Verifier trusts a key it read.
const DefaultKeyTTL = 10 * time.Second

// Authenticate returns the principal a bearer token stands for: an API key or a JWT. A token that is
// neither, valid and unrevoked, answers ErrBadCredentials; a store that cannot be read answers its own
// error.
func (v *Verifier) Authenticate(ctx context.Context, token string) (Principal, error) {
	token = strings.TrimSpace(token)
	if v.JWT != nil && looksLikeJWT(token) {
		return v.JWT.Verify(token)
	}
	id, secret, ok := ParseKey(token)
	if !ok || v.Keys == nil {
		return Principal{}, ErrBadCredentials
	}
	k, found, err := v.key(ctx, id)
	if err != nil {
		return Principal{}, err
	}
	if !found || !k.Matches(secret) {
		return Principal{}, ErrBadCredentials
	}
	return Principal{Subject: "key:" + k.ID, Role: k.Role}, nil
}

// Forget drops what the verifier remembers of a key, after this process revoked it.
func (v *Verifier) Forget(id string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	delete(v.seen, id)
}

func (v *Verifier) key(ctx context.Context, id string) (Key, bool, error) {
	ttl := v.TTL
	if ttl <= 0 {
		ttl = DefaultKeyTTL
	}
	v.mu.Lock()
	c, ok := v.seen[id]
	v.mu.Unlock()
	if ok && time.Since(c.read) < ttl {
		return c.key, c.found, nil
	}
	read := time.Now()
	k, found, err := v.Keys.APIKey(ctx, id)
	if err != nil {
		return Key{}, false, err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.seen == nil {
		v.seen = map[string]cachedKey{}
	}
	if len(v.seen) > 10000 { // unknown ids must not grow it without bound
		clear(v.seen)
	}
	v.seen[id] = cachedKey{key: k, found: found, read: read}
	return k, found, nil
}
