package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
)

func TestRoles(t *testing.T) {
	for _, tc := range []struct {
		role, need auth.Role
		want       bool
	}{
		{auth.RoleViewer, auth.RoleViewer, true}, {auth.RoleViewer, auth.RoleEditor, false},
		{auth.RoleEditor, auth.RoleViewer, true}, {auth.RoleEditor, auth.RoleAdmin, false},
		{auth.RoleAdmin, auth.RoleEditor, true}, {"root", auth.RoleViewer, false},
	} {
		if got := tc.role.Allows(tc.need); got != tc.want {
			t.Errorf("%s allows %s: %v, want %v", tc.role, tc.need, got, tc.want)
		}
	}
	if r, err := auth.ParseRole(" Editor "); err != nil || r != auth.RoleEditor {
		t.Errorf("ParseRole: %v %v", r, err)
	}
	if _, err := auth.ParseRole("owner"); err == nil {
		t.Error("ParseRole accepted owner")
	}
}

func TestKeys(t *testing.T) {
	token, k, err := auth.NewKey("  research team  ", auth.RoleEditor, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	id, secret, ok := auth.ParseKey(token)
	if !ok || id != k.ID || k.Name != "research team" || !strings.HasPrefix(token, auth.KeyPrefix) {
		t.Fatalf("token %q, key %+v", token, k)
	}
	if strings.Contains(k.Hash, secret) || !k.Matches(secret) || k.Matches(secret+"x") || k.Matches("") {
		t.Errorf("the stored key must hold a hash that matches only its own secret: %+v", k)
	}
	other, _, _ := auth.NewKey("another", auth.RoleViewer, time.Now())
	if other == token {
		t.Error("two keys drawn alike")
	}
	now := time.Now()
	k.RevokedAt = &now
	if k.Matches(secret) {
		t.Error("a revoked key matched")
	}
	for _, bad := range []string{"", "sgk_", "sgk_0123_abc", "xyz_0123456789abcdef_abc", "sgk_0123456789abcdeg_abc", "sgk_0123456789abcdef_"} {
		if _, _, ok := auth.ParseKey(bad); ok {
			t.Errorf("ParseKey(%q) accepted it", bad)
		}
	}
	if _, _, err := auth.NewKey("", auth.RoleViewer, time.Now()); err == nil {
		t.Error("a key without a name")
	}
	if _, _, err := auth.NewKey("x", "owner", time.Now()); err == nil {
		t.Error("a key with an unknown role")
	}
}

// keyMap is an in-memory KeyStore that counts its reads, to see what the verifier remembers.
type keyMap struct {
	keys  map[string]auth.Key
	reads int
}

func (m *keyMap) APIKey(_ context.Context, id string) (auth.Key, bool, error) {
	m.reads++
	k, ok := m.keys[id]
	return k, ok, nil
}

func TestVerifierRemembersForItsTTL(t *testing.T) {
	token, k, _ := auth.NewKey("desk", auth.RoleAdmin, time.Now())
	keys := &keyMap{keys: map[string]auth.Key{k.ID: k}}
	v := &auth.Verifier{Keys: keys, TTL: time.Hour}
	ctx := context.Background()
	for range 3 {
		p, err := v.Authenticate(ctx, token)
		if err != nil || p.Role != auth.RoleAdmin || p.Subject != "key:"+k.ID || !p.Authenticated() {
			t.Fatalf("%+v %v", p, err)
		}
	}
	if keys.reads != 1 {
		t.Errorf("%d reads for three requests within the TTL", keys.reads)
	}
	now := time.Now()
	k.RevokedAt = &now
	keys.keys[k.ID] = k
	v.Forget(k.ID)
	if _, err := v.Authenticate(ctx, token); err != auth.ErrBadCredentials {
		t.Errorf("after revocation and Forget: %v", err)
	}
	if _, err := v.Authenticate(ctx, "not a token"); err != auth.ErrBadCredentials {
		t.Errorf("a malformed token: %v", err)
	}
}
