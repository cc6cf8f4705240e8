package httpapi

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/stakeholder-graph/stakeholder-graph/auth"
)

// responseCache keeps the data of answered queries, keyed by the operation (its text, name and variables)
// and stored against the graph version read before it was answered. Every write to the graph bumps the
// version, and the first request that sees the new version empties the cache, so a cached answer is never
// older than the store's trust in the version it read (its own writes at once, another process's within a
// second: neo4jstore.versionTTL). The store keeps that true of what it caches itself (documents follow the
// version) and in a cluster (its sessions share bookmarks, so data is read no earlier than the version). Every field of the schema is a function of the graph and the operation alone
// (nothing depends on the caller or the clock), which is what makes whole answers safe to share.
//
// Only complete answers are kept: a response with errors, a deferred response, and mutations are not.
// A request with `Cache-Control: no-cache` is answered from the graph and refreshes the entry; with
// `no-store`, it is answered from the graph and its answer is not kept.
// The cache holds at most limit bytes of data, evicting the least recently used answer first.
type responseCache struct {
	versions Versions
	metrics  *metrics

	mu      sync.Mutex
	version int64
	limit   int
	size    int
	entries map[responseKey]*list.Element
	order   *list.List // of *cachedResponse, most recently used first
}

type responseKey [sha256.Size]byte

type cachedResponse struct {
	key  responseKey
	data json.RawMessage
}

// responseOverhead approximates what an entry costs besides its data (key, list element, map slot).
const responseOverhead = 128

func newResponseCache(versions Versions, limit int, m *metrics) *responseCache {
	return &responseCache{versions: versions, metrics: m, limit: limit,
		entries: map[responseKey]*list.Element{}, order: list.New()}
}

// around is the operation middleware: it answers from the cache when it can and keeps what it could not.
func (c *responseCache) around(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	op := graphql.GetOperationContext(ctx)
	if op.Operation == nil || op.Operation.Operation != ast.Query {
		return next(ctx)
	}
	version, err := c.versions.GraphVersion(ctx)
	if err != nil {
		return next(ctx) // the operation meets the same database and reports its error itself
	}
	key, ok := keyOf(ctx, op)
	if !ok {
		return next(ctx)
	}
	fresh, keep := cacheControl(op.Headers.Values("Cache-Control"))
	if fresh {
		c.see(version)
		c.metrics.cacheLookups.WithLabelValues("bypass").Inc()
	} else if data, ok := c.get(version, key); ok {
		c.metrics.cacheLookups.WithLabelValues("hit").Inc()
		served := false
		return func(ctx context.Context) *graphql.Response {
			if served {
				return nil
			}
			served = true
			return &graphql.Response{Data: data}
		}
	} else {
		c.metrics.cacheLookups.WithLabelValues("miss").Inc()
	}
	handle := next(ctx)
	first := true
	return func(ctx context.Context) *graphql.Response {
		resp := handle(ctx)
		if first && resp != nil {
			first = false
			if keep && len(resp.Errors) == 0 && resp.HasNext == nil && len(resp.Data) > 0 && c.fits(len(resp.Data)) {
				c.put(version, key, append(json.RawMessage(nil), resp.Data...))
			}
		}
		return resp
	}
}

// keyOf identifies an operation by its text, the operation's name, the variables' values and who asks
// (role and subject): an answer computed for one principal is never served to another.
func keyOf(ctx context.Context, op *graphql.OperationContext) (responseKey, bool) {
	vars, err := json.Marshal(op.Variables) // map keys come out sorted
	if err != nil {
		return responseKey{}, false
	}
	h := sha256.New()
	who, _ := auth.PrincipalOf(ctx)
	for _, part := range [][]byte{[]byte(op.RawQuery), []byte(op.OperationName), vars, []byte(who.Role), []byte(who.Subject)} {
		h.Write(binary.LittleEndian.AppendUint64(nil, uint64(len(part)))) // so parts cannot run into each other
		h.Write(part)
	}
	var k responseKey
	h.Sum(k[:0])
	return k, true
}

// cacheControl reads a request's Cache-Control directives: fresh when it asks for an answer read from the
// graph (no-cache or no-store), keep unless it asks that the answer not be stored (no-store).
func cacheControl(values []string) (fresh, keep bool) {
	keep = true
	for _, v := range values {
		for _, d := range strings.Split(v, ",") {
			switch strings.ToLower(strings.TrimSpace(d)) {
			case "no-cache":
				fresh = true
			case "no-store":
				fresh, keep = true, false
			}
		}
	}
	return fresh, keep
}

func (c *responseCache) get(version int64, key responseKey) (json.RawMessage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sync(version)
	e, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cachedResponse).data, true
}

// see tells the cache the graph's version without looking anything up.
func (c *responseCache) see(version int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sync(version)
}

// fits reports whether an answer of n bytes may be kept: one answer may not push out most of the others.
func (c *responseCache) fits(n int) bool { return n+responseOverhead <= c.limit/8 }

func (c *responseCache) put(version int64, key responseKey, data json.RawMessage) {
	cost := len(data) + responseOverhead
	if !c.fits(len(data)) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.version {
		return // read at a version that is already gone, or one this cache has not seen yet
	}
	if e, ok := c.entries[key]; ok {
		c.size += cost - len(e.Value.(*cachedResponse).data) - responseOverhead
		e.Value.(*cachedResponse).data = data
		c.order.MoveToFront(e)
	} else {
		c.entries[key] = c.order.PushFront(&cachedResponse{key: key, data: data})
		c.size += cost
	}
	for c.size > c.limit {
		oldest := c.order.Back()
		a := oldest.Value.(*cachedResponse)
		c.order.Remove(oldest)
		delete(c.entries, a.key)
		c.size -= len(a.data) + responseOverhead
	}
}

// sync empties the cache when the graph's version is not the one its answers were read at. Versions are
// compared for equality, not order: a database rebuilt from nothing counts again from zero.
func (c *responseCache) sync(version int64) {
	if version == c.version {
		return
	}
	c.version, c.size = version, 0
	clear(c.entries)
	c.order.Init()
}
