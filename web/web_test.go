package web

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// requireBuilt fails the test (it does not skip) when web/dist holds no
// build, so that CI cannot pass without the playground assets.
func requireBuilt(t *testing.T) {
	t.Helper()
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		t.Fatal(err)
	}
	m, err := readManifest(sub)
	if err != nil {
		t.Fatalf("web/dist is not built (%v): run `make web` before `go test ./web/`", err)
	}
	if m.Playground.JS == "" || m.Explorer.JS == "" || m.Explorer.Worker == "" {
		t.Fatalf("web/dist/%s lacks a page (%+v): run `make web`", manifestName, m)
	}
}

// page is one of the two pages, for tests that hold for both.
type page struct {
	name    string
	handler func() http.Handler
	path    string // where the page is served
	prefix  string // where its assets are
}

var pages = []page{
	{"playground", Playground, Path, assetsPrefix},
	{"explorer", Explorer, ExplorerPath, explorerAssetsPrefix},
}

func get(t *testing.T, h http.Handler, target string, header http.Header) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mediaType(resp *http.Response) string {
	ct, _, _ := strings.Cut(resp.Header.Get("Content-Type"), ";")
	return strings.TrimSpace(ct)
}

var (
	htmlRefs = regexp.MustCompile(`(?i)\b(?:src|href)\s*=\s*"([^"]*)"`)
	cssURLs  = regexp.MustCompile(`(?i)url\(\s*['"]?([^'")]+)['"]?\s*\)`)
)

// workerRef finds the explorer's layout worker, named in a data attribute.
var workerRef = regexp.MustCompile(`data-layout-worker="([^"]*)"`)

// pageAssets returns the asset URLs that a page references: scripts,
// stylesheets, the icon and the explorer's worker (not links to other pages).
func pageAssets(t *testing.T, p page) []string {
	t.Helper()
	resp := get(t, p.handler(), p.path, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d", p.path, resp.StatusCode)
	}
	html := body(t, resp)
	var refs []string
	for _, m := range htmlRefs.FindAllStringSubmatch(html, -1) {
		if strings.HasPrefix(m[1], p.prefix) {
			refs = append(refs, m[1])
		}
	}
	for _, m := range workerRef.FindAllStringSubmatch(html, -1) {
		refs = append(refs, m[1])
	}
	if len(refs) < 3 {
		t.Fatalf("%s page references %d assets, want at least the JS, the CSS and the icon: %v", p.name, len(refs), refs)
	}
	return refs
}

func TestPlaygroundRoutes(t *testing.T) {
	requireBuilt(t)
	h := Playground()
	tests := []struct {
		name       string
		method     string
		target     string
		wantStatus int
		wantType   string
		wantHeader map[string]string
	}{
		{"page", http.MethodGet, "/playground", http.StatusOK, "text/html", map[string]string{
			"Cache-Control":          "no-cache",
			"X-Content-Type-Options": "nosniff",
		}},
		{"page HEAD", http.MethodHead, "/playground", http.StatusOK, "text/html", nil},
		{"trailing slash redirects", http.MethodGet, "/playground/", http.StatusMovedPermanently, "", map[string]string{
			"Location": "/playground",
		}},
		{"examples", http.MethodGet, "/playground/examples.json", http.StatusOK, "application/json", nil},
		{"POST not allowed", http.MethodPost, "/playground", http.StatusMethodNotAllowed, "", map[string]string{
			"Allow": "GET, HEAD",
		}},
		{"unknown asset", http.MethodGet, "/playground/assets/nope.js", http.StatusNotFound, "", nil},
		{"manifest not served", http.MethodGet, "/playground/assets/manifest.json", http.StatusNotFound, "", nil},
		{"gitignore not served", http.MethodGet, "/playground/assets/.gitignore", http.StatusNotFound, "", nil},
		{"README not served", http.MethodGet, "/playground/assets/README", http.StatusNotFound, "", nil},
		{"no traversal", http.MethodGet, "/playground/assets/../web.go", http.StatusNotFound, "", nil},
		{"unknown path", http.MethodGet, "/playground/other", http.StatusNotFound, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.target, nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			resp := rec.Result()
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d; body: %s", resp.StatusCode, tt.wantStatus, body(t, resp))
			}
			if tt.wantType != "" && mediaType(resp) != tt.wantType {
				t.Errorf("Content-Type = %q, want %s", resp.Header.Get("Content-Type"), tt.wantType)
			}
			for k, v := range tt.wantHeader {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestExplorerRoutes(t *testing.T) {
	requireBuilt(t)
	h := Explorer()
	tests := []struct {
		name       string
		method     string
		target     string
		wantStatus int
		wantType   string
		wantHeader map[string]string
	}{
		{"page", http.MethodGet, "/", http.StatusOK, "text/html", map[string]string{
			"Cache-Control":          "no-cache",
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
		}},
		{"page with a view in the query", http.MethodGet, "/?kinds=NGO&focus=ijm-malaysia", http.StatusOK, "text/html", nil},
		{"page HEAD", http.MethodHead, "/", http.StatusOK, "text/html", nil},
		{"explorer redirects", http.MethodGet, "/explorer", http.StatusMovedPermanently, "", map[string]string{
			"Location": "/",
		}},
		{"explorer/ redirects with the query", http.MethodGet, "/explorer/?kinds=NGO", http.StatusMovedPermanently, "", map[string]string{
			"Location": "/?kinds=NGO",
		}},
		{"POST not allowed", http.MethodPost, "/", http.StatusMethodNotAllowed, "", map[string]string{
			"Allow": "GET, HEAD",
		}},
		{"unknown asset", http.MethodGet, "/explorer/assets/nope.js", http.StatusNotFound, "", nil},
		{"manifest not served", http.MethodGet, "/explorer/assets/manifest.json", http.StatusNotFound, "", nil},
		{"no traversal", http.MethodGet, "/explorer/assets/../manifest.json", http.StatusNotFound, "", nil},
		{"no playground assets", http.MethodGet, "/explorer/assets/" + builtManifest(t).Playground.JS, http.StatusNotFound, "", nil},
		{"unknown path", http.MethodGet, "/explorer/other", http.StatusNotFound, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.target, nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			resp := rec.Result()
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d; body: %s", resp.StatusCode, tt.wantStatus, body(t, resp))
			}
			if tt.wantType != "" && mediaType(resp) != tt.wantType {
				t.Errorf("Content-Type = %q, want %s", resp.Header.Get("Content-Type"), tt.wantType)
			}
			for k, v := range tt.wantHeader {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

// builtManifest reads web/dist/manifest.json.
func builtManifest(t *testing.T) manifest {
	t.Helper()
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		t.Fatal(err)
	}
	m, err := readManifest(sub)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestExplorerPage checks what the explorer's script relies on: the app
// element and the worker's URL, served as JavaScript.
func TestExplorerPage(t *testing.T) {
	requireBuilt(t)
	h := Explorer()
	html := body(t, get(t, h, ExplorerPath, nil))
	if !strings.Contains(html, `<div id="app"`) {
		t.Errorf("page has no #app element:\n%s", html)
	}
	m := workerRef.FindStringSubmatch(html)
	if m == nil || !strings.HasPrefix(m[1], explorerAssetsPrefix) {
		t.Fatalf("page names no layout worker under %s:\n%s", explorerAssetsPrefix, html)
	}
	resp := get(t, h, m[1], nil)
	if resp.StatusCode != http.StatusOK || mediaType(resp) != "text/javascript" {
		t.Errorf("GET %s: %d %s", m[1], resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func TestPageSecurityHeaders(t *testing.T) {
	requireBuilt(t)
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) { testSecurityHeaders(t, p) })
	}
}

func testSecurityHeaders(t *testing.T, p page) {
	resp := get(t, p.handler(), p.path, nil)
	csp := resp.Header.Get("Content-Security-Policy")
	directives := make(map[string]string)
	for _, d := range strings.Split(csp, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	// GraphiQL needs inline styles (see playgroundCSP); the explorer does not.
	styles := "'self'"
	if p.name == "playground" {
		styles = "'self' 'unsafe-inline'"
	}
	tests := []struct {
		directive, want string
	}{
		{"default-src", "'none'"},
		{"script-src", "'self'"},
		{"style-src", styles},
		{"img-src", "'self'"},
		{"font-src", "'self'"},
		{"connect-src", "'self'"},
		{"base-uri", "'none'"},
		{"frame-ancestors", "'none'"},
	}
	if p.name == "explorer" {
		tests = append(tests, struct{ directive, want string }{"worker-src", "'self'"})
	}
	for _, tt := range tests {
		t.Run(tt.directive, func(t *testing.T) {
			if got, ok := directives[tt.directive]; !ok || got != tt.want {
				t.Errorf("CSP %s = %q, want %q (policy: %s)", tt.directive, got, tt.want, csp)
			}
		})
	}
	page := body(t, resp)
	t.Run("noscript", func(t *testing.T) {
		if !strings.Contains(page, "<noscript>") {
			t.Error("page has no <noscript> message")
		}
	})
	t.Run("no inline script", func(t *testing.T) {
		for _, m := range regexp.MustCompile(`(?is)<script([^>]*)>(.*?)</script>`).FindAllStringSubmatch(page, -1) {
			if !strings.Contains(m[1], "src=") || strings.TrimSpace(m[2]) != "" {
				t.Errorf("inline script: %s", m[0])
			}
		}
	})
}

func TestPageAssetsServed(t *testing.T) {
	requireBuilt(t)
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) { testAssetsServed(t, p) })
	}
}

func testAssetsServed(t *testing.T, p page) {
	h := p.handler()
	wantType := map[string]string{
		".js":    "text/javascript",
		".css":   "text/css",
		".woff2": "font/woff2",
		".woff":  "font/woff",
		".ttf":   "font/ttf",
		".png":   "image/png",
		".svg":   "image/svg+xml",
	}
	check := func(t *testing.T, ref string) string {
		t.Helper()
		if !strings.HasPrefix(ref, p.prefix) {
			t.Fatalf("reference %q is not under %s", ref, p.prefix)
		}
		resp := get(t, h, ref, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: status %d", ref, resp.StatusCode)
		}
		want, ok := wantType[path.Ext(ref)]
		if !ok {
			t.Fatalf("unexpected asset type %s", ref)
		}
		if got := mediaType(resp); got != want {
			t.Errorf("GET %s: Content-Type = %q, want %s", ref, got, want)
		}
		if got := resp.Header.Get("Cache-Control"); got != immutable {
			t.Errorf("GET %s: Cache-Control = %q, want %q", ref, got, immutable)
		}
		etag := resp.Header.Get("ETag")
		if etag == "" {
			t.Errorf("GET %s: no ETag", ref)
		} else if r := get(t, h, ref, http.Header{"If-None-Match": {etag}}); r.StatusCode != http.StatusNotModified {
			t.Errorf("GET %s with If-None-Match: status %d, want 304", ref, r.StatusCode)
		}
		b := body(t, resp)
		if len(b) == 0 {
			t.Errorf("GET %s: empty body", ref)
		}
		return b
	}
	for _, ref := range pageAssets(t, p) {
		t.Run(ref, func(t *testing.T) {
			b := check(t, ref)
			if path.Ext(ref) != ".css" {
				return
			}
			// Fonts and icons referenced by the stylesheet, relative to it.
			base, _ := url.Parse(ref)
			for _, m := range cssURLs.FindAllStringSubmatch(b, -1) {
				u, err := base.Parse(m[1])
				if err != nil {
					t.Errorf("bad url(%s) in %s: %v", m[1], ref, err)
					continue
				}
				check(t, u.Path)
			}
		})
	}
}

func TestGzip(t *testing.T) {
	requireBuilt(t)
	for _, p := range pages {
		h := p.handler()
		for _, ref := range pageAssets(t, p) {
			if path.Ext(ref) != ".js" && path.Ext(ref) != ".css" {
				continue
			}
			t.Run(ref, func(t *testing.T) {
				plain := body(t, get(t, h, ref, nil))
				resp := get(t, h, ref, http.Header{"Accept-Encoding": {"br, gzip;q=0.8"}})
				if resp.Header.Get("Content-Encoding") != "gzip" {
					t.Fatalf("Content-Encoding = %q, want gzip", resp.Header.Get("Content-Encoding"))
				}
				if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
					t.Errorf("Vary = %q, want Accept-Encoding", resp.Header.Get("Vary"))
				}
				zr, err := gzip.NewReader(resp.Body)
				if err != nil {
					t.Fatal(err)
				}
				unzipped, err := io.ReadAll(zr)
				if err != nil {
					t.Fatal(err)
				}
				if string(unzipped) != plain {
					t.Error("gzip body differs from the plain body")
				}
				if r := get(t, h, ref, http.Header{"Accept-Encoding": {"gzip;q=0"}}); r.Header.Get("Content-Encoding") != "" {
					t.Error("gzip;q=0 still got a gzip response")
				}
			})
		}
	}
}

// TestNoExternalReferences makes sure both pages work without internet
// access: nothing may be loaded from another host.
func TestNoExternalReferences(t *testing.T) {
	requireBuilt(t)
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) { testNoExternalReferences(t, p) })
	}
}

func testNoExternalReferences(t *testing.T, p page) {
	h := p.handler()
	page := body(t, get(t, h, p.path, nil))
	t.Run("html", func(t *testing.T) {
		for _, s := range []string{"http://", "https://", "//"} {
			for _, m := range htmlRefs.FindAllStringSubmatch(page, -1) {
				if strings.HasPrefix(m[1], s) {
					t.Errorf("page references %q", m[1])
				}
			}
		}
		if strings.Contains(page, "http://") || strings.Contains(page, "https://") {
			t.Errorf("page contains an absolute URL:\n%s", page)
		}
	})
	cdnHosts := []string{"unpkg", "jsdelivr", "cdnjs", "googleapis", "esm.sh", "gstatic", "skypack"}
	for _, ref := range pageAssets(t, p) {
		b := body(t, get(t, h, ref, nil))
		switch path.Ext(ref) {
		case ".css":
			t.Run(ref, func(t *testing.T) {
				if strings.Contains(strings.ToLower(b), "@import") {
					t.Error("stylesheet uses @import")
				}
				for _, m := range cssURLs.FindAllStringSubmatch(b, -1) {
					u := strings.ToLower(strings.TrimSpace(m[1]))
					if strings.HasPrefix(u, "http:") || strings.HasPrefix(u, "https:") || strings.HasPrefix(u, "//") {
						t.Errorf("stylesheet loads a remote resource: url(%s)", m[1])
					}
					if strings.HasPrefix(u, "data:") {
						t.Errorf("stylesheet has a data: URI, which the CSP (img-src/font-src 'self') blocks: url(%.60s...)", m[1])
					}
				}
			})
		case ".js":
			t.Run(ref, func(t *testing.T) {
				for _, host := range cdnHosts {
					if i := strings.Index(b, host); i >= 0 {
						t.Errorf("bundle references CDN %q: ...%s...", host, b[max(0, i-80):min(len(b), i+80)])
					}
				}
				if strings.Contains(b, "sourceMappingURL") {
					t.Error("bundle references a source map")
				}
			})
		}
	}
}

func TestExamplesJSON(t *testing.T) {
	resp := get(t, Playground(), examplesPath, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body(t, resp))
	}
	var examples []struct {
		Title     *string         `json:"title"`
		Query     *string         `json:"query"`
		Variables json.RawMessage `json:"variables"`
	}
	if err := json.Unmarshal([]byte(body(t, resp)), &examples); err != nil {
		t.Fatalf("examples.json: %v", err)
	}
	if len(examples) == 0 {
		t.Fatal("examples.json is empty")
	}
	files, err := Examples()
	if err != nil {
		t.Fatal(err)
	}
	if len(examples) != len(files) {
		t.Errorf("examples.json has %d examples, web/examples has %d", len(examples), len(files))
	}
	for i, ex := range examples {
		if ex.Title == nil || *ex.Title == "" || ex.Query == nil || *ex.Query == "" {
			t.Errorf("example %d has no title or query", i)
			continue
		}
		switch v := strings.TrimSpace(string(ex.Variables)); {
		case v == "null":
		case strings.HasPrefix(v, `"`):
			var s string
			if err := json.Unmarshal(ex.Variables, &s); err != nil || !json.Valid([]byte(s)) {
				t.Errorf("example %q: variables %s is not a JSON text", *ex.Title, v)
			}
		default:
			t.Errorf("example %q: variables = %s, want a string or null", *ex.Title, v)
		}
		if i < len(files) && *ex.Title != files[i].Title {
			t.Errorf("example %d is %q, want %q (file order)", i, *ex.Title, files[i].Title)
		}
	}
}

func TestExamples(t *testing.T) {
	examples, err := Examples()
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range examples {
		t.Run(ex.Name, func(t *testing.T) {
			if strings.Contains(ex.Query, "# Title:") || strings.Contains(ex.Query, "# Variables:") {
				t.Errorf("query still contains a header line:\n%s", ex.Query)
			}
			if _, err := ex.VariableValues(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestParseExample(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            Example
		wantErr         string
	}{
		{
			name: "title only",
			file: "01-schema-types.graphql",
			src:  "# Title: Schema types\n{ __schema { queryType { name } } }\n",
			want: Example{Name: "01-schema-types", Title: "Schema types", Query: "{ __schema { queryType { name } } }\n"},
		},
		{
			name: "variables and extra comments",
			file: "12-by-country.graphql",
			src:  "# Title:  By country \r\n# Variables: {\"country\":\"NL\",\"first\":10}\r\n# Lists stakeholders.\r\nquery ByCountry($country: String!) { x }\r\n",
			want: Example{
				Name:      "12-by-country",
				Title:     "By country",
				Query:     "# Lists stakeholders.\nquery ByCountry($country: String!) { x }\n",
				Variables: "{\n  \"country\": \"NL\",\n  \"first\": 10\n}",
			},
		},
		{name: "missing title", file: "01-a.graphql", src: "{ a }\n", wantErr: "first line"},
		{name: "title not first", file: "01-a.graphql", src: "# About\n# Title: A\n{ a }\n", wantErr: "first line"},
		{name: "empty title", file: "01-a.graphql", src: "# Title:\n{ a }\n", wantErr: "empty title"},
		{name: "bad variables", file: "01-a.graphql", src: "# Title: A\n# Variables: {x: 1}\n{ a }\n", wantErr: "variables"},
		{name: "variables not an object", file: "01-a.graphql", src: "# Title: A\n# Variables: [1]\n{ a }\n", wantErr: "JSON object"},
		{name: "no query", file: "01-a.graphql", src: "# Title: A\n# nothing here\n", wantErr: "no query"},
		{name: "bad file name", file: "schema.graphql", src: "# Title: A\n{ a }\n", wantErr: "file name"},
		{name: "upper-case file name", file: "01-Schema.graphql", src: "# Title: A\n{ a }\n", wantErr: "file name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseExample(tt.file, []byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got  %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestNotBuilt(t *testing.T) {
	empty := fstest.MapFS{
		".gitignore": {Data: []byte("*\n")},
		"README":     {Data: []byte("placeholder\n")},
	}
	playground := newPlaygroundHandler(empty, []Example{{Name: "01-a", Title: "A", Query: "{ a }\n"}}, nil)
	explorer := newExplorerHandler(empty)
	// A manifest naming files that are not there counts as not built.
	partial := fstest.MapFS{
		"manifest.json":           {Data: []byte(`{"explorer": {"js": "explorer-X.js", "css": "explorer-X.css", "icon": "icon-X.svg"}}`)},
		"explorer/explorer-X.js":  {Data: []byte("x")},
		"explorer/explorer-X.css": {Data: []byte("x")},
		"explorer/icon-X.svg":     {Data: []byte("<svg/>")},
	}
	tests := []struct {
		name       string
		h          http.Handler
		target     string
		wantStatus int
		wantBody   string
	}{
		{"playground page", playground, "/playground", http.StatusServiceUnavailable, "make web"},
		{"playground examples", playground, "/playground/examples.json", http.StatusOK, `"title": "A"`},
		{"playground asset", playground, "/playground/assets/playground.js", http.StatusNotFound, ""},
		{"explorer page", explorer, "/", http.StatusServiceUnavailable, "network explorer"},
		{"explorer asset", explorer, "/explorer/assets/explorer.js", http.StatusNotFound, ""},
		{"explorer without its worker", newExplorerHandler(partial), "/", http.StatusServiceUnavailable, "make web"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := get(t, tt.h, tt.target, nil)
			b := body(t, resp)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if !strings.Contains(b, tt.wantBody) {
				t.Errorf("body %q does not contain %q", b, tt.wantBody)
			}
			if tt.wantStatus == http.StatusServiceUnavailable && mediaType(resp) != "text/plain" {
				t.Errorf("Content-Type = %q, want text/plain", resp.Header.Get("Content-Type"))
			}
		})
	}
}

func TestInvalidExamples(t *testing.T) {
	_, err := parseExample("01-a.graphql", []byte("{ a }"))
	h := newPlaygroundHandler(fstest.MapFS{}, nil, err)
	resp := get(t, h, examplesPath, nil)
	if resp.StatusCode != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500", resp.StatusCode)
	}
	if b := body(t, resp); !strings.Contains(b, "Title") {
		t.Errorf("body %q does not explain the problem", b)
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"gzip, deflate, br", true},
		{"br;q=1.0, GZIP;q=0.5", true},
		{"gzip;q=0", false},
		{"gzip; q=0.0", false},
		{"deflate", false},
		{"x-gzip", true},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			if got := acceptsGzip(tt.header); got != tt.want {
				t.Errorf("acceptsGzip(%q) = %v, want %v", tt.header, got, tt.want)
			}
		})
	}
}
