package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
)

// playgroundCSP is sent with the playground page. Everything comes from the
// service itself: the bundle, its CSS, fonts and icons, the examples and
// the /graphql endpoint. No inline scripts, no data: URIs, no eval.
// style-src allows inline styles only because GraphiQL's dialogs (Radix
// UI's scroll lock) insert a <style> element at run time.
const playgroundCSP = "default-src 'none'; " +
	"script-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; " +
	"img-src 'self'; " +
	"font-src 'self'; " +
	"connect-src 'self'; " +
	"base-uri 'none'; " +
	"form-action 'none'; " +
	"frame-ancestors 'none'"

// explorerCSP is sent with the explorer page: same-origin scripts, the
// layout worker, styles, fonts and fetches, nothing inline (the page sets
// styles through the CSSOM only). The PNG export draws the WebGL canvases
// onto a 2D canvas and downloads it through a blob: URL, which needs no
// img-src entry.
const explorerCSP = "default-src 'none'; " +
	"script-src 'self'; " +
	"worker-src 'self'; " +
	"style-src 'self'; " +
	"img-src 'self'; " +
	"font-src 'self'; " +
	"connect-src 'self'; " +
	"base-uri 'none'; " +
	"form-action 'none'; " +
	"frame-ancestors 'none'"

// notBuilt is the body of the 503 answer of a page whose assets are missing.
func notBuilt(page string) string {
	return "The " + page + " is not available: its web assets were not built into this binary.\n" +
		"Run `make web` (npm --prefix web ci && npm --prefix web run build) and rebuild.\n" +
		"The GraphQL endpoint itself is at POST /graphql.\n"
}

var playgroundTemplate = template.Must(template.New("playground").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stakeholder Graph · GraphQL playground</title>
<link rel="icon" type="image/svg+xml" href="{{.Icon}}">
<link rel="stylesheet" href="{{.CSS}}">
<script defer src="{{.JS}}"></script>
</head>
<body>
<noscript><p>The GraphQL playground needs JavaScript. The API itself answers GraphQL requests at POST /graphql.</p></noscript>
<div id="graphiql"><p class="playground-loading">Loading the GraphQL playground…</p></div>
</body>
</html>
`))

var explorerTemplate = template.Must(template.New("explorer").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="The network of people and organisations working against trafficking in persons: who partners with whom, since when, and on what evidence.">
<title>Stakeholder Graph · Network explorer</title>
<link rel="icon" type="image/svg+xml" href="{{.Icon}}">
<link rel="stylesheet" href="{{.CSS}}">
<script defer src="{{.JS}}"></script>
</head>
<body>
<noscript><p>The network explorer needs JavaScript. The same data is available from the GraphQL API at POST /graphql (try the playground at /playground) and as downloads at /export/graphml, /export/csv and /export/json.</p></noscript>
<div id="app" data-layout-worker="{{.Worker}}"><p class="boot">Loading the network explorer…</p></div>
</body>
</html>
`))

var playgroundSpec = pageSpec{
	dir:          "playground",
	files:        func(m manifest) pageFiles { return m.Playground },
	required:     func(f pageFiles) []string { return []string{f.JS, f.CSS, f.Icon} },
	path:         Path,
	redirects:    []string{Path + "/"},
	assetsPrefix: assetsPrefix,
	template:     playgroundTemplate,
	csp:          playgroundCSP,
	notBuilt:     notBuilt("GraphQL playground"),
}

var explorerSpec = pageSpec{
	dir:          "explorer",
	files:        func(m manifest) pageFiles { return m.Explorer },
	required:     func(f pageFiles) []string { return []string{f.JS, f.CSS, f.Icon, f.Worker} },
	path:         ExplorerPath,
	redirects:    []string{"/explorer", ExplorerAssetsPath},
	assetsPrefix: explorerAssetsPrefix,
	template:     explorerTemplate,
	csp:          explorerCSP,
	notBuilt:     notBuilt("network explorer"),
}

// newPlaygroundHandler serves the playground from distFS (the contents of
// web/dist) with the given examples at /playground/examples.json, or a 500
// naming exErr when they are invalid.
func newPlaygroundHandler(distFS fs.FS, examples []Example, exErr error) *handler {
	h := newHandler(playgroundSpec, distFS)
	var body *resource
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
		data, err := json.MarshalIndent(wire, "", "  ")
		if err != nil {
			exErr = err
		} else {
			body = newResource(append(data, '\n'), "application/json; charset=utf-8", true)
		}
	}
	h.extra[examplesPath] = func(w http.ResponseWriter, r *http.Request) {
		if body == nil {
			http.Error(w, fmt.Sprintf("invalid playground examples: %v", exErr), http.StatusInternalServerError)
			return
		}
		body.serve(w, r, "no-cache")
	}
	return h
}

// newExplorerHandler serves the explorer from distFS (the contents of web/dist).
func newExplorerHandler(distFS fs.FS) *handler {
	return newHandler(explorerSpec, distFS)
}
