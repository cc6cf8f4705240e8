// Package web serves the service's two web pages: the network explorer at
// / ([Explorer]) and the GraphiQL playground at /playground ([Playground]).
//
// Both are built from npm packages by web/build.mjs (esbuild; sources in
// web/explorer/src and web/playground/src) into web/dist, which this package
// embeds; the binary needs no internet access to serve them. Build the
// assets before compiling with
//
//	make web
//
// (npm --prefix web ci && npm --prefix web run build). A binary built
// without them still compiles, but the pages answer 503 Service Unavailable.
//
// The explorer uses only the public GraphQL API (POST /graphql) and the
// downloads at GET /export/{format}, so it doubles as a reference client.
// The example queries opened as playground tabs live in
// web/examples/NN-kebab-title.graphql; see [Examples] for their format.
package web

import (
	"embed"
	"io/fs"
	"net/http"
)

// Path is the URL path of the playground page. Everything [Playground]
// serves is at Path or below Path+"/"; register the handler for both, e.g.
//
//	h := web.Playground()
//	mux.Handle(web.Path, h)
//	mux.Handle(web.Path+"/", h)
const Path = "/playground"

// ExplorerPath is the URL path of the explorer page, and ExplorerAssetsPath
// the prefix of everything else [Explorer] serves. Register the handler for
// both, e.g.
//
//	h := web.Explorer()
//	mux.Handle("GET /{$}", h)
//	mux.Handle("GET "+web.ExplorerAssetsPath, h)
const (
	ExplorerPath       = "/"
	ExplorerAssetsPath = "/explorer/"
)

const (
	assetsPrefix         = Path + "/assets/"
	examplesPath         = Path + "/examples.json"
	explorerAssetsPrefix = ExplorerAssetsPath + "assets/"
	manifestName         = "manifest.json"
	examplesDir          = "examples"
)

// dist holds the output of the npm build (web/dist): manifest.json and one
// folder per page. Without a build it only contains .gitignore and README.
//
//go:embed all:dist
var dist embed.FS

//go:embed examples/*.graphql
var examplesFS embed.FS

// Playground returns the handler for the GraphiQL playground. It expects the
// full request path (do not wrap it in http.StripPrefix) and serves:
//
//   - GET /playground: the HTML page, with a strict Content-Security-Policy
//     header (only same-origin scripts, styles, fonts, images and fetches);
//     503 Service Unavailable if the assets were not built (run make web);
//     /playground?query=...&variables=... opens that query in a new tab;
//   - GET /playground/assets/NAME: the bundled JS, CSS, fonts and icons;
//     their names are content-hashed, so they are cached as immutable;
//   - GET /playground/examples.json: the example queries from [Examples] as
//     a JSON array of {"name", "title", "query", "variables"}, where
//     variables is a JSON text or null.
//
// /playground/ redirects to /playground. The page sends GraphQL requests to
// POST /graphql on its own origin, which the caller must serve.
func Playground() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil { // cannot happen: "dist" is a valid path
		panic(err)
	}
	examples, exErr := Examples()
	return newPlaygroundHandler(sub, examples, exErr)
}

// Explorer returns the handler for the network explorer. It expects the full
// request path and serves:
//
//   - GET /: the HTML page, with a strict Content-Security-Policy header
//     (same-origin scripts, worker, styles, fonts, images and fetches only;
//     no inline scripts or styles); 503 Service Unavailable if the assets
//     were not built (run make web);
//   - GET /explorer/assets/NAME: the bundled JS, its layout web worker, the
//     CSS, fonts and icon, content-hashed and cached as immutable.
//
// /explorer and /explorer/ redirect to /. The page reads the network from
// POST /graphql and links to GET /export/{format} and /playground on its own
// origin, which the caller must serve.
func Explorer() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil { // cannot happen: "dist" is a valid path
		panic(err)
	}
	return newExplorerHandler(sub)
}
