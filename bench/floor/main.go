// Command floor is the benchmark's floor: the least a server can do to answer the benchmark's queries over
// HTTP. Each query kind is one hand-written, parameterised Cypher statement (queries.go) run in a managed
// read transaction through neo4j-go-driver v5 (a write transaction for the writes), and the one JSON value
// it returns is written out as it is.
//
//	POST /q/{name}   body: the query's parameters as JSON; answers {"data": ...} or {"errors": [...]}
//	GET  /healthz
//
// Environment: NEO4J_URI (required), NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE. Flag: -addr.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string) error {
	fs := flag.NewFlagSet("floor", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8090", "listen address")
	if err := fs.Parse(args); err != nil {
		return err
	}
	uri := getenv("NEO4J_URI")
	if uri == "" {
		return errors.New("NEO4J_URI is not set")
	}
	auth := neo4j.NoAuth()
	if u := getenv("NEO4J_USERNAME"); u != "" {
		auth = neo4j.BasicAuth(u, getenv("NEO4J_PASSWORD"), "")
	}
	// The same pool settings as the service's store, so neither side wins on connections.
	driver, err := neo4j.NewDriverWithContext(uri, auth, func(c *config.Config) {
		c.MaxConnectionPoolSize = 64
		c.ConnectionAcquisitionTimeout = 10 * time.Second
	})
	if err != nil {
		return err
	}
	defer driver.Close(context.Background())
	if err := driver.VerifyConnectivity(ctx); err != nil {
		return err
	}
	f := &floor{driver: driver, database: getenv("NEO4J_DATABASE")}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /q/{name}", f.query)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, `{"status":"ok"}`) })
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Printf("floor listening on http://%s/q/{name}", *addr)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

type floor struct {
	driver   neo4j.DriverWithContext
	database string
}

// query runs the statement a request names with the parameters its body holds.
func (f *floor) query(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	stmt, ok := statements[name]
	mode := neo4j.AccessModeRead
	if !ok {
		stmt, ok = writeStatements[name]
		mode = neo4j.AccessModeWrite
	}
	if !ok {
		fail(w, http.StatusNotFound, fmt.Errorf("no query %q", name))
		return
	}
	params := map[string]any{}
	if err := json.NewDecoder(r.Body).Decode(&params); err != nil && !errors.Is(err, io.EOF) {
		fail(w, http.StatusBadRequest, err)
		return
	}
	if first, ok := params["first"].(float64); ok {
		params["limit"] = first + 1 // one more row than shown tells whether more follow
	}
	if name == "search" {
		text, _ := params["text"].(string)
		params["query"] = luceneQuery(text)
	}
	for k, v := range params { // JSON numbers arrive as float64; Cypher wants integers for LIMIT and slices
		if x, ok := v.(float64); ok && x == float64(int64(x)) {
			params[k] = int64(x)
		}
	}
	ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
	defer cancel()
	session := f.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: f.database})
	defer session.Close(context.WithoutCancel(ctx))
	run := neo4j.ExecuteRead[any]
	if mode == neo4j.AccessModeWrite {
		run = neo4j.ExecuteWrite[any]
	}
	data, err := run(ctx, session, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, stmt, params)
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		v, _ := rec.Get("data")
		return v, nil
	})
	if err != nil {
		fail(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"data": data})
}

func fail(w http.ResponseWriter, status int, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []map[string]string{{"message": err.Error()}}})
}
