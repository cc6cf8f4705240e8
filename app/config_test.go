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
