# stakeholder-graph: build, run and test. `make run` and `make test` do all set-up themselves.

BIN          := bin/stakeholder-graph
LAUNCHER_JAR := neo4jlauncher/target/neo4j-launcher.jar
WEB_STAMP    := web/dist/manifest.json
GO_SOURCES   := $(shell find . -name '*.go' -not -path './web/node_modules/*' -not -path './bench/*') $(wildcard schema/*.graphqls web/examples/*.graphql) go.mod go.sum
WEB_SOURCES  := web/package.json web/package-lock.json web/build.mjs web/icon.svg $(shell find web/playground/src web/explorer/src -type f)

.PHONY: all build launcher web run test browser-test generate check-generated check-bench clean

all: build

## launcher: build the embedded Neo4j launcher (Java, Maven)
launcher: $(LAUNCHER_JAR)
$(LAUNCHER_JAR): neo4jlauncher/pom.xml $(shell find neo4jlauncher/src -type f)
	mvn -q -B -f neo4jlauncher/pom.xml package -DskipTests

## web: build the explorer's and the playground's assets from npm
web: $(WEB_STAMP)
$(WEB_STAMP): $(WEB_SOURCES)
	npm --prefix web ci --no-audit --no-fund
	npm --prefix web run build

## build: the binary, with the launcher next to it in bin/neo4j
build: $(BIN)
$(BIN): $(GO_SOURCES) $(WEB_STAMP) $(LAUNCHER_JAR)
	go build -o $(BIN) .
	rm -rf bin/neo4j && mkdir -p bin/neo4j
	cp $(LAUNCHER_JAR) bin/neo4j/ && cp -r neo4jlauncher/target/lib bin/neo4j/lib

## run: serve on 127.0.0.1:8080 with the embedded Neo4j (data in data/neo4j), seeded when empty
run: build
	$(BIN) serve --addr 127.0.0.1:8080 --data-dir data/neo4j

## test: the whole suite against one real Neo4j: the Go packages, then the explorer and playground in Chromium
test: build check-generated check-bench
	scripts/test.sh

## check-bench: the benchmark (its own module, built on the schema and the query generator) still builds
## and its translation to the library's API still holds
check-bench:
	cd bench && go vet ./... && go test ./...

## browser-test: only the explorer and playground in headless Chromium against the real service and Neo4j
browser-test: build
	scripts/browser-test.sh

## generate: regenerate the GraphQL code from schema/
generate:
	go generate ./...

## check-generated: fail when the generated code is out of date with the schema
check-generated:
	go generate ./...
	git diff --exit-code -- graph resolvers gqlgen.yml || (echo "generated code is out of date: run make generate and commit" >&2; exit 1)

clean:
	rm -rf bin data
