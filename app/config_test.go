package app

import (
	"strings"
	"testing"
)

func TestResponseCacheSize(t *testing.T) {
	for _, tc := range []struct {
		env     string
		want    int
		wantErr string
	}{
		{"", defaultResponseCacheMB, ""},
		{"0", 0, ""},
		{"256", 256, ""},
		{"-1", 0, "RESPONSE_CACHE_MB"},
		{"lots", 0, "RESPONSE_CACHE_MB"},
	} {
		var c Config
		err := c.FromEnv(func(k string) string {
			if k == "RESPONSE_CACHE_MB" {
				return tc.env
			}
			return ""
		})
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("RESPONSE_CACHE_MB=%q: err %v, want one naming %s", tc.env, err, tc.wantErr)
			}
			continue
		}
		if err != nil || c.ResponseCacheMB != tc.want {
			t.Errorf("RESPONSE_CACHE_MB=%q: %d MiB, %v; want %d", tc.env, c.ResponseCacheMB, err, tc.want)
		}
	}
}

func TestAnonymousUse(t *testing.T) {
	for env, want := range map[string]bool{"": false, "read": false, "off": true} {
		var c Config
		err := c.FromEnv(func(k string) string {
			if k == "ANONYMOUS" {
				return env
			}
			return ""
		})
		if err != nil || c.NoAnonymous != want {
			t.Errorf("ANONYMOUS=%q: no anonymous %v, %v; want %v", env, c.NoAnonymous, err, want)
		}
	}
	var c Config
	if err := c.FromEnv(func(k string) string { return map[string]string{"ANONYMOUS": "write"}[k] }); err == nil || !strings.Contains(err.Error(), "ANONYMOUS") {
		t.Errorf("ANONYMOUS=write: %v, want an error naming ANONYMOUS", err)
	}
}

func TestJWTSettings(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	var c Config
	if err := c.FromEnv(env(nil)); err != nil || c.JWT != nil {
		t.Errorf("without JWT settings: %+v %v", c.JWT, err)
	}
	ok := map[string]string{"JWT_HS256_SECRET": "0123456789abcdef0123456789abcdef", "JWT_ISSUER": "https://id.example.org", "JWT_AUDIENCE": "sg"}
	if err := c.FromEnv(env(ok)); err != nil || c.JWT == nil || c.JWT.Issuer != "https://id.example.org" {
		t.Errorf("an HS256 secret: %+v %v", c.JWT, err)
	}
	for name, m := range map[string]map[string]string{
		"a short secret": {"JWT_HS256_SECRET": "short", "JWT_ISSUER": "i", "JWT_AUDIENCE": "a"},
		"no audience":    {"JWT_HS256_SECRET": ok["JWT_HS256_SECRET"], "JWT_ISSUER": "i"},
		"a missing JWKS": {"JWT_JWKS_FILE": "/nonexistent/jwks.json", "JWT_ISSUER": "i", "JWT_AUDIENCE": "a"},
	} {
		var c Config
		if err := c.FromEnv(env(m)); err == nil || !strings.Contains(err.Error(), "JWT") {
			t.Errorf("%s: %v, want an error naming the JWT settings", name, err)
		}
	}
}

func TestPublicDeploymentSettings(t *testing.T) {
	var c Config
	err := c.FromEnv(func(k string) string { return map[string]string{"INTROSPECTION": "off", "PLAYGROUND": "off"}[k] })
	if err != nil || !c.NoIntrospection || !c.NoPlayground {
		t.Errorf("both off: %+v %v", c, err)
	}
	if err := c.FromEnv(func(k string) string { return map[string]string{"PLAYGROUND": "no"}[k] }); err == nil || !strings.Contains(err.Error(), "PLAYGROUND") {
		t.Errorf("PLAYGROUND=no: %v", err)
	}
}
