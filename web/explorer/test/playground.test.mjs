// Browser tests of the GraphiQL playground at /playground: it works with
// every request to another origin blocked, opens the saved example queries
// and runs them, opens a query given in its URL, and links to the explorer.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, openPage, screenshot } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function playground(t, query = '') {
  const session = await openPage(browser);
  t.after(() => session.context.close());
  await session.page.goto(`${BASE_URL}/playground${query}`);
  await session.page.locator('.graphiql-query-editor').waitFor();
  return session;
}

test('the playground runs an example query offline', async (t) => {
  const { page, check } = await playground(t);
  const examples = await (await fetch(`${BASE_URL}/playground/examples.json`)).json();
  assert.ok(examples.length > 0);
  // One tab per example, the first one active.
  const tabs = page.locator('.graphiql-tab');
  await tabs.first().waitFor();
  assert.equal(await tabs.count(), examples.length);
  await page.locator('.graphiql-execute-button').click();
  const response = page.locator('.graphiql-response');
  await response.getByText('"data"').waitFor();
  assert.doesNotMatch(await response.innerText(), /"errors"/);
  await screenshot(page, 'playground-example');
  check();
});

test('a query in the URL opens in a new tab next to the examples', async (t) => {
  const query = 'query NetworkSize { network { stakeholderCount tieCount } }';
  const { page, check } = await playground(t, `?query=${encodeURIComponent(query)}`);
  const examples = await (await fetch(`${BASE_URL}/playground/examples.json`)).json();
  const tabs = page.locator('.graphiql-tab');
  await tabs.nth(examples.length).waitFor();
  assert.equal(await tabs.count(), examples.length + 1);
  await assert.doesNotReject(page.locator('.graphiql-tab-active').filter({ hasText: 'NetworkSize' }).waitFor());
  // The URL no longer carries the query, so reloading does not open it twice.
  assert.equal(new URL(page.url()).search, '');
  await page.locator('.graphiql-execute-button').click();
  await page.locator('.graphiql-response').getByText('"stakeholderCount"').waitFor();
  check();
});

test('the playground links back to the explorer', async (t) => {
  const { page, check } = await playground(t);
  await page.getByRole('link', { name: /Explorer/ }).click();
  await page.waitForURL(`${BASE_URL}/`);
  await page.locator('#graph[data-state="ready"]').waitFor({ timeout: 60_000 });
  check();
});
