package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

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
