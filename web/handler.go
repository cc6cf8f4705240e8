package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// contentSecurityPolicy is sent with the playground page. Everything comes
// from the service itself: the bundle, its CSS, fonts and icons, the
// examples and the /graphql endpoint. No inline scripts, no data: URIs, no
// eval. style-src allows inline styles only because GraphiQL's dialogs
// (Radix UI's scroll lock) insert a <style> element at run time.
const contentSecurityPolicy = "default-src 'none'; " +
	"script-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; " +
	"img-src 'self'; " +
	"font-src 'self'; " +
	"connect-src 'self'; " +
	"base-uri 'none'; " +
	"form-action 'none'; " +
	"frame-ancestors 'none'"

// notBuiltMessage is the body of the 503 answer when web/dist is empty.
const notBuiltMessage = "The GraphQL playground is not available: its web assets were not built into this binary.\n" +
	"Run `make web` (npm --prefix web/playground ci && npm --prefix web/playground run build) and rebuild.\n" +
	"The GraphQL endpoint itself is at POST /graphql.\n"

// immutable is the Cache-Control of the content-hashed assets.
const immutable = "public, max-age=31536000, immutable"

// contentTypes lists the asset types the build produces; other files in
// dist are not served.
var contentTypes = map[string]string{
	".js":    "text/javascript; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".woff2": "font/woff2",
	".woff":  "font/woff",
	".ttf":   "font/ttf",
	".otf":   "font/otf",
	".png":   "image/png",
	".gif":   "image/gif",
	".jpg":   "image/jpeg",
	".webp":  "image/webp",
	".svg":   "image/svg+xml",
}

// compressible lists the asset types worth serving gzip-compressed.
var compressible = map[string]bool{".js": true, ".css": true, ".txt": true, ".svg": true}

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stakeholder Graph · GraphQL playground</title>
<link rel="stylesheet" href="{{.CSS}}">
<script defer src="{{.JS}}"></script>
</head>
<body>
<noscript><p>The GraphQL playground needs JavaScript. The API itself answers GraphQL requests at POST /graphql.</p></noscript>
<div id="graphiql"><p class="playground-loading">Loading the GraphQL playground…</p></div>
</body>
</html>
`))

// manifest is dist/manifest.json, written by build.mjs.
type manifest struct {
	JS  string `json:"js"`
	CSS string `json:"css"`
}

// resource is an in-memory response body with its validators.
type resource struct {
	body        []byte
	contentType string
	etag        string
	compress    bool

	gzipOnce sync.Once
	gzipBody []byte // nil if compression does not pay off
}

func newResource(body []byte, contentType string, compress bool) *resource {
	sum := sha256.Sum256(body)
	return &resource{
		body:        body,
		contentType: contentType,
		etag:        `"` + hex.EncodeToString(sum[:12]) + `"`,
		compress:    compress && len(body) > 1024,
	}
}

// gzipped returns the gzip-compressed body, computing it on first use.
func (r *resource) gzipped() []byte {
	r.gzipOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(r.body)
		zw.Close()
		if buf.Len() < len(r.body) {
			r.gzipBody = buf.Bytes()
		}
	})
	return r.gzipBody
}

// serve writes the resource (gzip-compressed if the client accepts it),
// answering conditional and range requests.
func (r *resource) serve(w http.ResponseWriter, req *http.Request, cacheControl string) {
	h := w.Header()
	h.Set("Content-Type", r.contentType)
	h.Set("Cache-Control", cacheControl)
	h.Set("X-Content-Type-Options", "nosniff")
	body, etag := r.body, r.etag
	if r.compress {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(req.Header.Get("Accept-Encoding")) {
			if gz := r.gzipped(); gz != nil {
				body = gz
				etag = strings.TrimSuffix(r.etag, `"`) + `-gzip"`
				h.Set("Content-Encoding", "gzip")
			}
		}
	}
	h.Set("ETag", etag)
	http.ServeContent(w, req, "", time.Time{}, bytes.NewReader(body))
}

// acceptsGzip reports whether an Accept-Encoding header value allows gzip.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "x-gzip" {
			continue
		}
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				if q, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && q == 0 {
					return false
				}
			}
		}
		return true
	}
	return false
}

// handler serves the playground; see Playground.
type handler struct {
	page     *resource            // nil if the assets were not built
	assets   map[string]*resource // by file name in dist
	examples *resource            // nil if the examples are invalid
	exErr    error
}

// newHandler builds the handler from the dist file system (the contents of
// web/dist) and the parsed examples.
func newHandler(distFS fs.FS, examples []Example, exErr error) *handler {
	h := &handler{assets: make(map[string]*resource), exErr: exErr}

	entries, _ := fs.ReadDir(distFS, ".")
	for _, e := range entries {
		name := e.Name()
		ct, ok := contentTypes[path.Ext(name)]
		if e.IsDir() || !ok || strings.HasPrefix(name, ".") {
			continue
		}
		body, err := fs.ReadFile(distFS, name)
		if err != nil {
			continue
		}
		h.assets[name] = newResource(body, ct, compressible[path.Ext(name)])
	}

	if m, err := readManifest(distFS); err == nil && h.assets[m.JS] != nil && h.assets[m.CSS] != nil {
		var page bytes.Buffer
		err := pageTemplate.Execute(&page, struct{ JS, CSS string }{
			JS:  assetsPrefix + m.JS,
			CSS: assetsPrefix + m.CSS,
		})
		if err == nil {
			h.page = newResource(page.Bytes(), "text/html; charset=utf-8", false)
		}
	}

	if exErr == nil {
		type wireExample struct {
			Name      string  `json:"name"`
			Title     string  `json:"title"`
			Query     string  `json:"query"`
			Variables *string `json:"variables"`
		}
		wire := make([]wireExample, len(examples))
		for i, ex := range examples {
			wire[i] = wireExample{Name: ex.Name, Title: ex.Title, Query: ex.Query}
			if ex.Variables != "" {
				wire[i].Variables = &ex.Variables
			}
		}
		body, err := json.MarshalIndent(wire, "", "  ")
		if err != nil {
			h.exErr = err
		} else {
			h.examples = newResource(append(body, '\n'), "application/json; charset=utf-8", true)
		}
	}
	return h
}

func readManifest(distFS fs.FS) (manifest, error) {
	var m manifest
	data, err := fs.ReadFile(distFS, manifestName)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, err
	}
	if m.JS == "" || m.CSS == "" {
		return m, fmt.Errorf("%s: missing js or css", manifestName)
	}
	return m, nil
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	switch {
	case p == Path:
		h.servePage(w, r)
	case p == Path+"/":
		target := Path
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	case p == examplesPath:
		if h.examples == nil {
			http.Error(w, fmt.Sprintf("invalid playground examples: %v", h.exErr), http.StatusInternalServerError)
			return
		}
		h.examples.serve(w, r, "no-cache")
	case strings.HasPrefix(p, assetsPrefix):
		a := h.assets[strings.TrimPrefix(p, assetsPrefix)]
		if a == nil {
			http.NotFound(w, r)
			return
		}
		a.serve(w, r, immutable)
	default:
		http.NotFound(w, r)
	}
}

func (h *handler) servePage(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	if h.page == nil {
		hdr.Set("Cache-Control", "no-store")
		http.Error(w, notBuiltMessage, http.StatusServiceUnavailable)
		return
	}
	hdr.Set("Content-Security-Policy", contentSecurityPolicy)
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("X-Frame-Options", "DENY")
	hdr.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.page.serve(w, r, "no-cache")
}
