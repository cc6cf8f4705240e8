package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// manifest is dist/manifest.json, written by build.mjs: for each page, the
// names of its files within dist/<page>.
type manifest struct {
	Playground pageFiles `json:"playground"`
	Explorer   pageFiles `json:"explorer"`
}

// pageFiles names the files one page's HTML refers to.
type pageFiles struct {
	JS     string `json:"js"`
	CSS    string `json:"css"`
	Icon   string `json:"icon"`
	Worker string `json:"worker,omitempty"`
}

func readManifest(distFS fs.FS) (manifest, error) {
	var m manifest
	data, err := fs.ReadFile(distFS, manifestName)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("%s: %w", manifestName, err)
	}
	return m, nil
}

// pageSpec describes one page: where it is served, how its HTML looks and
// which headers protect it.
type pageSpec struct {
	// dir is the page's folder in dist.
	dir string
	// files picks the page's entry out of the manifest.
	files func(manifest) pageFiles
	// required lists the pageFiles fields the page cannot work without.
	required func(pageFiles) []string
	// path is where the page is served; redirects lists paths sent there.
	path      string
	redirects []string
	// assetsPrefix is the URL prefix of the page's files.
	assetsPrefix string
	// template renders the HTML from the pageFiles, as URLs.
	template *template.Template
	// csp is the page's Content-Security-Policy.
	csp string
	// notBuilt is the body of the 503 answer when the assets are missing.
	notBuilt string
}

// handler serves one page, its assets and any extra routes.
type handler struct {
	spec   pageSpec
	page   *resource            // nil if the assets were not built
	assets map[string]*resource // by file name in dist/<dir>
	extra  map[string]http.HandlerFunc
}

// newHandler builds the handler of a page from the dist file system (the
// contents of web/dist).
func newHandler(spec pageSpec, distFS fs.FS) *handler {
	h := &handler{spec: spec, assets: make(map[string]*resource), extra: make(map[string]http.HandlerFunc)}

	entries, _ := fs.ReadDir(distFS, spec.dir)
	for _, e := range entries {
		name := e.Name()
		ct, ok := contentTypes[path.Ext(name)]
		if e.IsDir() || !ok || strings.HasPrefix(name, ".") {
			continue
		}
		body, err := fs.ReadFile(distFS, path.Join(spec.dir, name))
		if err != nil {
			continue
		}
		h.assets[name] = newResource(body, ct, compressible[path.Ext(name)])
	}

	m, err := readManifest(distFS)
	if err != nil {
		return h
	}
	files := spec.files(m)
	for _, name := range spec.required(files) {
		if h.assets[name] == nil {
			return h
		}
	}
	url := func(name string) string {
		if name == "" {
			return ""
		}
		return spec.assetsPrefix + name
	}
	var page bytes.Buffer
	err = spec.template.Execute(&page, pageFiles{
		JS:     url(files.JS),
		CSS:    url(files.CSS),
		Icon:   url(files.Icon),
		Worker: url(files.Worker),
	})
	if err == nil {
		h.page = newResource(page.Bytes(), "text/html; charset=utf-8", false)
	}
	return h
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if p == h.spec.path {
		h.servePage(w, r)
		return
	}
	for _, from := range h.spec.redirects {
		if p == from {
			target := h.spec.path
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
	}
	if serve, ok := h.extra[p]; ok {
		serve(w, r)
		return
	}
	if name, ok := strings.CutPrefix(p, h.spec.assetsPrefix); ok {
		a := h.assets[name]
		if a == nil {
			http.NotFound(w, r)
			return
		}
		a.serve(w, r, immutable)
		return
	}
	http.NotFound(w, r)
}

func (h *handler) servePage(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	if h.page == nil {
		hdr.Set("Cache-Control", "no-store")
		http.Error(w, h.spec.notBuilt, http.StatusServiceUnavailable)
		return
	}
	hdr.Set("Content-Security-Policy", h.spec.csp)
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("X-Frame-Options", "DENY")
	hdr.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.page.serve(w, r, "no-cache")
}
