package httpapi

import (
	"context"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/stakeholder-graph/stakeholder-graph/domain"
	"github.com/stakeholder-graph/stakeholder-graph/querycost"
)

// Admission decides which requests run, so that one client, or many together, cannot push the answers
// of others out of reach.
//
// Two checks, one at each end of a request's life before it runs:
//
//  1. When a request arrives (before its body is read), the client's token bucket must hold a token
//     (a steady rate with a burst), and the client may not already have too many requests in the service.
//     Otherwise: 429 Too Many Requests, with Retry-After.
//  2. When an operation has been priced and is about to run (answers from the response cache skip this),
//     it waits for one of a few execution slots. Waiting operations queue per client, and a freed slot
//     goes to the clients in turn, so a client that sends one request at a time is served next even when
//     another has a hundred queued: its wait is about one operation, whatever the load. Operations that
//     cost over heavyPrice also need one of fewer heavy slots, so they can never hold every core (and the
//     analyses' own builds and computations, whoever asks for them, run on as many workers: package
//     projection). A client whose queue is full is answered 429 at once; an operation that waits longer
//     than MaxWait is answered 503 OVERLOADED, both with Retry-After.
//
// A client is the remote address, or, when the request comes through a trusted proxy, the address the
// proxy says it came from (the last address in X-Forwarded-For that is not itself a trusted proxy).
type admission struct {
	cfg AdmissionConfig

	mu       sync.Mutex
	clients  map[string]*client
	running  int
	heavy    int
	waiting  int
	turn     []*client // clients with queued operations, in the order they are served
	lastTidy time.Time
}

// AdmissionConfig sets the admission limits. Zero fields take the defaults of NewHandler.
type AdmissionConfig struct {
	// Rate is the steady number of requests per second one client may send; Burst how many it may send
	// at once after being idle.
	Rate  float64
	Burst int
	// PerClient bounds one client's requests in the service at once (running, queued or being read).
	PerClient int
	// Slots is how many operations run at once; HeavySlots how many of them may be heavy, and how many
	// analysis builds and computations run at once.
	Slots, HeavySlots int
	// MaxWait is how long an operation waits for a slot before it is refused.
	MaxWait time.Duration
	// TrustedProxies are the addresses (CIDR prefixes) whose X-Forwarded-For header is believed.
	TrustedProxies []netip.Prefix
}

// heavyPrice is the price (see package querycost) from which an operation counts as heavy: a page of
// 100 stakeholders with two nested lists costs about this.
const heavyPrice = 5000

// client is what admission keeps about one client.
type client struct {
	key      string
	tokens   float64
	refilled time.Time
	inside   int       // requests admitted and not finished
	queue    []*waiter // operations waiting for a slot
}

type waiter struct {
	heavy bool
	ready chan struct{} // closed when a slot is given
	given bool
}

// Codes of requests admission refuses.
const (
	codeRateLimited = "RATE_LIMITED"
	codeOverloaded  = "OVERLOADED"
)

func newAdmission(cfg AdmissionConfig) *admission {
	return &admission{cfg: cfg, clients: map[string]*client{}}
}

// clientKey identifies the client of a request.
func (a *admission) clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || !a.trusted(addr) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break
		}
		if !a.trusted(hop) {
			return hop.String()
		}
	}
	return host
}

func (a *admission) trusted(addr netip.Addr) bool {
	for _, p := range a.cfg.TrustedProxies {
		if p.Contains(addr.Unmap()) {
			return true
		}
	}
	return false
}

type clientKeyKey struct{}

// limit is the middleware of the first check: it admits a request or answers 429.
func (a *admission) limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := a.clientKey(r)
		wait, ok := a.enter(key)
		if !ok {
			noteRefusal(r.Context(), codeRateLimited)
			refuse(w, http.StatusTooManyRequests, codeRateLimited, wait,
				"too many requests from this client; try again after the time Retry-After gives")
			return
		}
		defer a.leave(key)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientKeyKey{}, key)))
	})
}

// enter takes a token from the client's bucket and counts the request in. When it cannot, it returns how
// long the client should wait.
func (a *admission) enter(key string) (time.Duration, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := time.Now()
	a.tidy(now)
	c := a.clients[key]
	if c == nil {
		c = &client{key: key, tokens: float64(a.cfg.Burst), refilled: now}
		a.clients[key] = c
	}
	c.tokens = math.Min(float64(a.cfg.Burst), c.tokens+now.Sub(c.refilled).Seconds()*a.cfg.Rate)
	c.refilled = now
	if c.inside >= a.cfg.PerClient {
		return time.Second, false
	}
	if c.tokens < 1 {
		return time.Duration((1 - c.tokens) / a.cfg.Rate * float64(time.Second)), false
	}
	c.tokens--
	c.inside++
	return 0, true
}

func (a *admission) leave(key string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if c := a.clients[key]; c != nil {
		c.inside--
	}
}

// tidy forgets clients that have nothing inside and a full bucket, once a minute.
func (a *admission) tidy(now time.Time) {
	if now.Sub(a.lastTidy) < time.Minute {
		return
	}
	a.lastTidy = now
	for key, c := range a.clients {
		full := c.tokens+now.Sub(c.refilled).Seconds()*a.cfg.Rate >= float64(a.cfg.Burst)
		if c.inside == 0 && len(c.queue) == 0 && full {
			delete(a.clients, key)
		}
	}
}

// aroundOperations is the second check, as a gqlgen operation middleware: the operation runs once it has
// a slot.
func (a *admission) aroundOperations(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	heavy := false
	if s := querycost.GetStats(ctx); s != nil {
		heavy = s.Cost >= heavyPrice
	}
	release, err := a.acquire(ctx, heavy)
	if err != nil {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{err}})
	}
	// The slot goes back with the last response, or when the request ends, whichever comes first.
	once := sync.OnceFunc(release)
	stop := context.AfterFunc(ctx, once)
	handle := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		resp := handle(ctx)
		if resp == nil || resp.HasNext == nil || !*resp.HasNext {
			stop()
			once()
		}
		return resp
	}
}

// acquire waits for an execution slot for the request of ctx, and returns the function that gives it back.
func (a *admission) acquire(ctx context.Context, heavy bool) (func(), *gqlerror.Error) {
	key, _ := ctx.Value(clientKeyKey{}).(string)
	a.mu.Lock()
	c := a.clients[key]
	if c == nil { // a request that did not come through limit (a test, or an internal call)
		c = &client{key: key, tokens: float64(a.cfg.Burst), refilled: time.Now()}
		a.clients[key] = c
	}
	if a.waiting == 0 && a.free(heavy) {
		a.take(heavy)
		a.mu.Unlock()
		return func() { a.give(heavy) }, nil
	}
	if len(c.queue) >= a.cfg.PerClient {
		a.mu.Unlock()
		noteRefusal(ctx, codeRateLimited)
		return nil, refusal(codeRateLimited, "too many queries from this client are waiting to run")
	}
	w := &waiter{heavy: heavy, ready: make(chan struct{})}
	if len(c.queue) == 0 {
		a.turn = append(a.turn, c)
	}
	c.queue = append(c.queue, w)
	a.waiting++
	a.dispatch() // a slot may be free for this one while the others wait for heavy slots
	a.mu.Unlock()

	timer := time.NewTimer(a.cfg.MaxWait)
	defer timer.Stop()
	select {
	case <-w.ready:
		return func() { a.give(heavy) }, nil
	case <-timer.C:
	case <-ctx.Done():
	}
	a.mu.Lock()
	if w.given { // the slot came as the wait ended: keep it
		a.mu.Unlock()
		return func() { a.give(heavy) }, nil
	}
	a.remove(c, w)
	a.mu.Unlock()
	if ctx.Err() != nil {
		return nil, refusal(string(domain.CodeUnavailable), "the request ended while it waited to run")
	}
	noteRefusal(ctx, codeOverloaded)
	return nil, refusal(codeOverloaded, "the service is busy; try again after the time Retry-After gives")
}

func (a *admission) free(heavy bool) bool {
	return a.running < a.cfg.Slots && (!heavy || a.heavy < a.cfg.HeavySlots)
}

func (a *admission) take(heavy bool) {
	a.running++
	if heavy {
		a.heavy++
	}
}

// give returns a slot and hands the free slots to waiting operations.
func (a *admission) give(heavy bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.running--
	if heavy {
		a.heavy--
	}
	a.dispatch()
}

// dispatch hands free slots to waiting operations, one client at a time: the first client in turn whose
// next operation fits gets the slot and goes to the back of the turn.
func (a *admission) dispatch() {
	for served := true; served && a.waiting > 0 && a.running < a.cfg.Slots; {
		served = false
		for i, c := range a.turn {
			w := c.queue[0]
			if !a.free(w.heavy) {
				continue // a heavy operation waits for a heavy slot; the next client's may be light
			}
			a.take(w.heavy)
			w.given = true
			close(w.ready)
			a.remove(c, w)
			if len(c.queue) > 0 {
				a.turn = append(append(a.turn[:i:i], a.turn[i+1:]...), c)
			}
			served = true
			break
		}
	}
}

// remove takes w off c's queue, and c off the turn when it has nothing left queued.
func (a *admission) remove(c *client, w *waiter) {
	for i, q := range c.queue {
		if q == w {
			c.queue = append(c.queue[:i], c.queue[i+1:]...)
			a.waiting--
			break
		}
	}
	if len(c.queue) == 0 {
		for i, t := range a.turn {
			if t == c {
				a.turn = append(a.turn[:i], a.turn[i+1:]...)
				break
			}
		}
	}
}

// refusal is the error of an operation admission turned away; the transport answers it with the matching
// status and Retry-After.
func refusal(code, message string) *gqlerror.Error {
	return &gqlerror.Error{Message: message, Extensions: map[string]any{"code": code}}
}

// refuse answers a request admission turned away.
func refuse(w http.ResponseWriter, status int, code string, retryAfter time.Duration, message string) {
	w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(retryAfter.Seconds())))))
	w.Header().Set("Content-Type", contentJSON)
	writeRequestError(w, status, code, message)
}
