package httpapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"sync"
	"testing"
	"time"
)

func clientCtx(key string) context.Context {
	return context.WithValue(context.Background(), clientKeyKey{}, key)
}

// TestAdmissionRate checks the token bucket: a burst passes, the next request is refused with a wait,
// and tokens come back at the rate.
func TestAdmissionRate(t *testing.T) {
	a := newAdmission(defaultAdmission(AdmissionConfig{Rate: 10, Burst: 3, PerClient: 100}))
	for i := range 3 {
		if _, ok := a.enter("c"); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
		a.leave("c")
	}
	wait, ok := a.enter("c")
	if ok || wait <= 0 || wait > 100*time.Millisecond {
		t.Fatalf("past the burst: ok %v, wait %v (want about 100 ms)", ok, wait)
	}
	if _, ok := a.enter("other"); !ok {
		t.Error("another client was refused")
	}
	time.Sleep(110 * time.Millisecond)
	if _, ok := a.enter("c"); !ok {
		t.Error("no token came back after 1/rate")
	}
}

// TestAdmissionPerClient checks the cap on one client's requests inside the service.
func TestAdmissionPerClient(t *testing.T) {
	a := newAdmission(defaultAdmission(AdmissionConfig{Rate: 1000, Burst: 1000, PerClient: 2}))
	a.enter("c")
	a.enter("c")
	if _, ok := a.enter("c"); ok {
		t.Error("a third request inside was admitted")
	}
	a.leave("c")
	if _, ok := a.enter("c"); !ok {
		t.Error("a request after one left was refused")
	}
}

// TestAdmissionTakesTurns checks that freed slots go to the clients in turn: a client with one operation
// waiting is served before the second of another client's ten.
func TestAdmissionTakesTurns(t *testing.T) {
	a := newAdmission(defaultAdmission(AdmissionConfig{Slots: 1, HeavySlots: 1, PerClient: 20, MaxWait: 5 * time.Second}))
	release, err := a.acquire(clientCtx("busy"), false) // the one slot
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var order []string
	var wg sync.WaitGroup
	start := func(key string) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := a.acquire(clientCtx(key), false)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			order = append(order, key)
			mu.Unlock()
			r()
		}()
	}
	for range 10 {
		start("busy")
	}
	waitFor(t, func() bool { a.mu.Lock(); defer a.mu.Unlock(); return a.waiting == 10 })
	start("polite")
	waitFor(t, func() bool { a.mu.Lock(); defer a.mu.Unlock(); return a.waiting == 11 })
	release()
	wg.Wait()
	if len(order) != 11 || order[0] != "busy" || order[1] != "polite" {
		t.Errorf("served in the order %v; want the polite client second", order)
	}
}

// TestAdmissionHeavySlots checks that heavy operations cannot take every slot, and that a light one
// passes the heavy ones that wait.
func TestAdmissionHeavySlots(t *testing.T) {
	a := newAdmission(defaultAdmission(AdmissionConfig{Slots: 3, HeavySlots: 1, PerClient: 20, MaxWait: 5 * time.Second}))
	heavy, err := a.acquire(clientCtx("h"), true)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan func(), 1)
	go func() {
		r, err := a.acquire(clientCtx("h"), true)
		if err == nil {
			got <- r
		}
	}()
	waitFor(t, func() bool { a.mu.Lock(); defer a.mu.Unlock(); return a.waiting == 1 })
	light, err := a.acquire(clientCtx("l"), false)
	if err != nil {
		t.Fatalf("a light operation waited behind a heavy one: %v", err)
	}
	light()
	select {
	case <-got:
		t.Fatal("a second heavy operation ran beside the first")
	case <-time.After(50 * time.Millisecond):
	}
	heavy()
	select {
	case r := <-got:
		r()
	case <-time.After(time.Second):
		t.Fatal("the waiting heavy operation did not get the heavy slot")
	}
}

// TestAdmissionRefusals checks the two refusals of a waiting operation: a full queue (429) at once, and
// a wait past MaxWait (503).
func TestAdmissionRefusals(t *testing.T) {
	a := newAdmission(defaultAdmission(AdmissionConfig{Slots: 1, PerClient: 1, MaxWait: 30 * time.Millisecond}))
	release, _ := a.acquire(clientCtx("a"), false)
	defer release()
	done := make(chan string, 1)
	go func() {
		_, err := a.acquire(clientCtx("b"), false)
		done <- err.Extensions["code"].(string)
	}()
	waitFor(t, func() bool { a.mu.Lock(); defer a.mu.Unlock(); return a.waiting == 1 })
	if _, err := a.acquire(clientCtx("b"), false); err == nil || err.Extensions["code"] != codeRateLimited {
		t.Errorf("a second queued operation of one client: %v", err)
	}
	if code := <-done; code != codeOverloaded {
		t.Errorf("an operation that waited past MaxWait: %s", code)
	}
}

// TestClientKey checks whom a request is counted against: its remote address, or behind a trusted
// proxy the last address the proxies did not add.
func TestClientKey(t *testing.T) {
	a := newAdmission(AdmissionConfig{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})
	cases := []struct{ remote, forwarded, want string }{
		{"192.0.2.7:5000", "", "192.0.2.7"},
		{"192.0.2.7:5000", "198.51.100.1", "192.0.2.7"}, // not a trusted proxy: the header is ignored
		{"10.1.2.3:5000", "198.51.100.1", "198.51.100.1"},
		{"10.1.2.3:5000", "203.0.113.9, 198.51.100.1, 10.9.9.9", "198.51.100.1"},
		{"10.1.2.3:5000", "not-an-address", "10.1.2.3"},
	}
	for _, c := range cases {
		r := httptest.NewRequest(http.MethodGet, "/graphql", nil)
		r.RemoteAddr = c.remote
		if c.forwarded != "" {
			r.Header.Set("X-Forwarded-For", c.forwarded)
		}
		if got := a.clientKey(r); got != c.want {
			t.Errorf("from %s via %q: %s, want %s", c.remote, c.forwarded, got, c.want)
		}
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 5 s")
		}
		time.Sleep(time.Millisecond)
	}
}
