// Package web serves the GraphiQL playground of the stakeholder-graph
// service at /playground.
//
// The playground is a GraphiQL bundle built from npm packages by
// web/playground (see its build.mjs) into web/dist, which this package
// embeds; the binary needs no internet access to serve it. Build the assets
// before compiling with
//
//	make web
//
// (npm --prefix web/playground ci && npm --prefix web/playground run build).
// A binary built without them still compiles, but GET /playground answers
// 503 Service Unavailable.
//
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

const (
	assetsPrefix = Path + "/assets/"
	examplesPath = Path + "/examples.json"
	manifestName = "manifest.json"
	examplesDir  = "examples"
)

// dist holds the output of the npm build (web/dist). Without a build it only
// contains .gitignore and README.
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
	return newHandler(sub, examples, exErr)
}
