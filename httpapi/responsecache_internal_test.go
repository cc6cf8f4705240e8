package httpapi

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestResponseCacheBounds checks the cache's bookkeeping: it stays within its byte limit by dropping the
// answer used least recently, refuses an answer too big to share the space, and empties when the
// graph's version changes.
func TestResponseCacheBounds(t *testing.T) {
	const limit = 8 * (100 + responseOverhead)
	c := newResponseCache(nil, limit, newMetrics(nil, nil))
	key := func(i byte) responseKey { return responseKey{i} }
	data := func(i byte) json.RawMessage { return bytes.Repeat([]byte{'a' + i}, 100) }
	c.see(1)
	for i := range byte(8) {
		c.put(1, key(i), data(i))
	}
	if c.size != limit || len(c.entries) != 8 {
		t.Fatalf("8 answers of 100 bytes: size %d, %d entries", c.size, len(c.entries))
	}
	if _, ok := c.get(1, key(0)); !ok { // 0 is now the most recently used
		t.Fatal("answer 0 is missing")
	}
	c.put(1, key(8), data(8))
	if _, ok := c.get(1, key(1)); ok {
		t.Error("answer 1, the least recently used, was kept past the limit")
	}
	for _, i := range []byte{0, 2, 8} {
		if got, ok := c.get(1, key(i)); !ok || !bytes.Equal(got, data(i)) {
			t.Errorf("answer %d: %q, %v", i, got, ok)
		}
	}
	if c.size > limit {
		t.Errorf("size %d over the limit %d", c.size, limit)
	}

	c.put(1, key(9), make(json.RawMessage, limit/8))
	if _, ok := c.get(1, key(9)); ok {
		t.Error("an answer bigger than an eighth of the cache was kept")
	}
	c.put(0, key(10), data(1))
	if _, ok := c.get(1, key(10)); ok {
		t.Error("an answer read at an older version was kept")
	}
	if _, ok := c.get(2, key(0)); ok || c.size != 0 || len(c.entries) != 0 {
		t.Errorf("after the version changed: size %d, %d entries", c.size, len(c.entries))
	}
}
