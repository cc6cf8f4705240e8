// The GraphQL-over-HTTP conformance audit of the graphql-http package (serverAudits), run against the
// service at BASE_URL: every audit, MUST, SHOULD and MAY alike, must pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAudits } from 'graphql-http';

const url = `${process.env.BASE_URL ?? 'http://127.0.0.1:8080'}/graphql`;

test('GraphQL over HTTP: every audit of graphql-http passes', async () => {
  const results = [];
  for (const audit of serverAudits({ url })) {
    results.push(await audit.fn());
  }
  const failed = results.filter((r) => r.status !== 'ok');
  console.log(`graphql-http ${results.length - failed.length} of ${results.length} audits pass`);
  for (const f of failed) {
    console.log(`  ${f.status} ${f.id} ${f.name}: ${f.reason}`);
  }
  assert.equal(failed.length, 0, `${failed.length} audits failed`);
});
