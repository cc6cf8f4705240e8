// The Neo4j GraphQL Library (@neo4j/graphql) on Apollo Server, over the stakeholder graph, for the benchmark.
// Env: NEO4J_URI (bolt://...), NEO4J_USERNAME/NEO4J_PASSWORD (optional), PORT (default 4000), HOST
// (default 127.0.0.1). POST /graphql; GET /healthz.
import { readFileSync } from "node:fs";
import http from "node:http";
import { ApolloServer } from "@apollo/server";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const uri = process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687";
const auth = process.env.NEO4J_USERNAME ? neo4j.auth.basic(process.env.NEO4J_USERNAME, process.env.NEO4J_PASSWORD ?? "") : undefined;
const driver = neo4j.driver(uri, auth, { maxConnectionPoolSize: 64 });
const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? "127.0.0.1";

const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const schema = await neoSchema.getSchema();
if (process.env.PRINT_SCHEMA) {
  const { printSchema } = await import("graphql");
  console.log(printSchema(schema));
  process.exit(0);
}
const apollo = new ApolloServer({ schema, introspection: true });
await apollo.start();

// A minimal HTTP integration (what @as-integrations/express would do, without Express).
const server = http.createServer(async (req, res) => {
  if (req.url === "/healthz") {
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    return;
  }
  if (!req.url.startsWith("/graphql")) {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const raw = Buffer.concat(chunks).toString("utf8");
  const headers = new Map();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  try {
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method.toUpperCase(),
        headers,
        search: new URL(req.url, "http://x").search,
        body: raw ? JSON.parse(raw) : undefined,
      },
      context: async () => ({}),
    });
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  } catch (e) {
    res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: String(e?.message ?? e) }] }));
  }
});
server.keepAliveTimeout = 120_000;
server.listen(port, host, () => console.log(`neo4j-graphql listening on http://${host}:${port}/graphql`));
const stop = async () => {
  server.close();
  await apollo.stop();
  await driver.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
