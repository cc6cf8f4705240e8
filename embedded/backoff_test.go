package embedded

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestBackoff checks the waits between restart attempts: doubling from restartMinDelay up to
// restartMaxDelay, and back to restartMinDelay after a reset.
func TestBackoff(t *testing.T) {
	b := backoff{min: restartMinDelay, max: restartMaxDelay}
	b.reset()
	var got []time.Duration
	for range 8 {
		got = append(got, b.next())
	}
	ms := time.Millisecond
	want := []time.Duration{250 * ms, 500 * ms, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second,
		10 * time.Second, 10 * time.Second}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("waits (-want +got):\n%s", diff)
	}
	b.reset()
	if d := b.next(); d != restartMinDelay {
		t.Errorf("first wait after reset = %v, want %v", d, restartMinDelay)
	}
}

// TestBoltPort checks that a port is read from the launcher's Bolt URI, and that a URI without a usable port
// is refused.
func TestBoltPort(t *testing.T) {
	for _, tc := range []struct {
		uri     string
		want    int
		wantErr bool
	}{
		{"bolt://127.0.0.1:41234", 41234, false},
		{"bolt://127.0.0.1", 0, true},
		{"bolt://127.0.0.1:0", 0, true},
		{"not a uri\x7f", 0, true},
	} {
		t.Run(tc.uri, func(t *testing.T) {
			got, err := boltPort(tc.uri)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("boltPort(%q) = %d, %v; want %d, error %v", tc.uri, got, err, tc.want, tc.wantErr)
			}
		})
	}
}
