// Browser tests of signing in to the explorer with an API key, against the running service and its Neo4j.
//
// The key is made the way an operator makes one, with `bin/stakeholder-graph keys create`, in the Neo4j
// the service under test uses. scripts/browser-test.sh passes its environment on to these tests: with
// NEO4J_URI set, the service uses that database and so does `keys create`. Without it, the service runs
// its own embedded Neo4j, whose Bolt URI only its log names (test-results/browser-test-server.log, next
// to the screenshots folder); the tests read it from there. Without either, they are skipped.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BASE_URL, SCREENSHOT_DIR, launch, openPage, openExplorer, screenshot, waitForDrawing } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.resolve(here, '..', '..', '..', 'bin', 'stakeholder-graph');
const run = promisify(execFile);

/** The Bolt URI of the service's Neo4j, or '' when it cannot be known. */
async function neo4jURI() {
  if (process.env.NEO4J_URI) return process.env.NEO4J_URI;
  try {
    const log = await readFile(path.join(path.dirname(SCREENSHOT_DIR), 'browser-test-server.log'), 'utf8');
    // Text or JSON logs: msg="embedded neo4j ready" uri=bolt://… or "msg":"embedded neo4j ready","uri":"bolt://…"
    const m = /embedded neo4j ready.*?\buri"?[=:]"?(bolt:\/\/[^"\s]+)/.exec(log);
    return m ? m[1] : '';
  } catch {
    return '';
  }
}

/** Runs `bin/stakeholder-graph keys ...` against the service's Neo4j and returns what it printed. */
async function keys(uri, ...args) {
  const { stdout } = await run(bin, ['keys', ...args], { env: { ...process.env, NEO4J_URI: uri }, timeout: 120_000 });
  return stdout.trim();
}

let browser;
let uri = '';
let key = ''; // sgk_<id>_<secret>
let keyId = '';
let adminKey = ''; // for removing what the live-update test adds
let adminKeyId = '';
before(async () => {
  uri = await neo4jURI();
  if (!uri) return;
  key = (await keys(uri, 'create', '--name', 'browser test', '--role', 'editor')).split('\n').pop();
  keyId = /^sgk_([0-9a-f]{16})_/.exec(key)?.[1] || '';
  assert.ok(keyId, `keys create printed no key: ${key}`);
  adminKey = (await keys(uri, 'create', '--name', 'browser test admin', '--role', 'admin')).split('\n').pop();
  adminKeyId = /^sgk_([0-9a-f]{16})_/.exec(adminKey)?.[1] || '';
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (keyId) await keys(uri, 'revoke', keyId); // leave no working key behind in a shared database
  if (adminKeyId) await keys(uri, 'revoke', adminKeyId);
});

/** Skips the test when no key could be made; true then. */
const noKey = (t) => !uri && (t.skip('the Neo4j of the service under test is unknown: set NEO4J_URI'), true);

/**
 * Opens a fresh page with the explorer drawn, recording the Authorization header of every request to the
 * service; `init` is [script, argument] to run in the page before its own scripts.
 */
async function explorer(t, { init } = {}) {
  const session = await openPage(browser);
  t.after(() => session.context.close());
  const requests = [];
  session.page.on('request', async (req) => {
    const url = new URL(req.url());
    if (url.origin !== new URL(BASE_URL).origin) return;
    const entry = { path: url.pathname, auth: undefined };
    requests.push(entry);
    entry.auth = (await req.allHeaders()).authorization || null;
  });
  if (init) await session.page.addInitScript(...init);
  await openExplorer(session.page);
  /** The requests to `path` since the last call, once their headers are known. */
  session.requestsTo = async (pathname) => {
    await session.page.waitForTimeout(100);
    const seen = requests.splice(0).filter((r) => r.path === pathname);
    for (const r of seen) while (r.auth === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    return seen;
  };
  /** Drops the expected refusals (HTTP 401, which Chromium logs as console errors too) from check()'s problems. */
  session.expectRefusals = () => {
    const refusal = /^HTTP 401: |^console error: Failed to load resource: .*status of 401\b/;
    for (let i = session.problems.length - 1; i >= 0; i--) {
      if (refusal.test(session.problems[i])) session.problems.splice(i, 1);
    }
  };
  return session;
}

/** Signs in with `token` from the keyboard: the button, the labelled password field, Enter. */
async function signIn(page, token) {
  const toggle = page.locator('#sign-in-toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  const input = page.getByLabel('API key or token');
  assert.equal(await input.getAttribute('type'), 'password');
  await page.waitForFunction(() => document.activeElement?.id === 'sign-in-token');
  await page.keyboard.insertText(token);
  await page.keyboard.press('Enter');
}

const storedToken = (page) => page.evaluate(() => ({ session: { ...sessionStorage }, local: { ...localStorage } }));

test('signing in with an API key shows its role and sends the key with every request and download', async (t) => {
  if (noKey(t)) return;
  const { page, check, requestsTo } = await explorer(t);
  const toggle = page.locator('#sign-in-toggle');
  assert.equal((await toggle.innerText()).trim(), 'Sign in');
  await requestsTo('/graphql');

  await signIn(page, key);
  await toggle.filter({ hasText: `Editor · key:${keyId.slice(0, 4)}…` }).waitFor();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  // The focus went back to the button, and the key is kept for this tab only, never in the URL.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'sign-in-toggle');
  const stored = await storedToken(page);
  assert.ok(Object.values(stored.session).includes(key), 'the key is not in sessionStorage');
  assert.ok(!JSON.stringify(stored.local).includes(key), 'the key is in localStorage');
  assert.ok(!page.url().includes(keyId));
  const signInRequests = await requestsTo('/graphql');
  assert.ok(signInRequests.length > 0, 'signing in asked nothing');
  assert.ok(signInRequests.every((r) => r.auth === `Bearer ${key}`));
  // The panel names the key in full.
  await toggle.click();
  await page.getByText(`key:${keyId}`).waitFor();
  await screenshot(page, 'explorer-signed-in');
  await page.keyboard.press('Escape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');

  // A GraphQL request after sign-in carries the key.
  await page.getByRole('button', { name: 'Summary', exact: true }).click();
  await page.locator('#summary[data-state="ready"]').waitFor();
  const after = await requestsTo('/graphql');
  assert.ok(after.length > 0, 'the summary asked nothing');
  assert.deepEqual(after.filter((r) => r.auth !== `Bearer ${key}`), [], 'a GraphQL request went without the key');
  // "Open as query" does not.
  assert.ok(!(await page.getByRole('link', { name: 'Open as query' }).getAttribute('href')).includes(keyId));

  // So does a download, saved under the name the service gives it.
  await page.getByRole('button', { name: 'Network', exact: true }).click();
  const graphml = page.locator('a.export-link[data-format="graphml"]');
  const [download] = await Promise.all([page.waitForEvent('download'), graphml.click()]);
  assert.equal(download.suggestedFilename(), 'stakeholder-network.graphml');
  const [exported] = await requestsTo('/export/graphml');
  assert.equal(exported?.auth, `Bearer ${key}`);
  assert.match(await readFile(await download.path(), 'utf8'), /<graphml/);

  // Signing out forgets the key: the next requests go without it, and the links download by themselves.
  await toggle.click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await toggle.filter({ hasText: 'Sign in' }).waitFor();
  assert.ok(!Object.values((await storedToken(page)).session).includes(key));
  await page.getByRole('button', { name: 'Summary', exact: true }).click();
  await page.locator('#summary[data-state="ready"]').waitFor();
  await page.getByRole('group', { name: 'Sectors' }).getByRole('button', { name: 'Civil society' }).click();
  await page.locator('#summary[data-state="ready"]').waitFor();
  const signedOut = await requestsTo('/graphql');
  assert.ok(signedOut.length > 0, 'nothing was asked after signing out');
  assert.deepEqual(signedOut.filter((r) => r.auth !== null), [], 'a request after signing out carried a token');
  const [plain] = await Promise.all([page.waitForEvent('download'), graphml.click()]);
  assert.equal(plain.suggestedFilename(), 'stakeholder-network.graphml');
  const [plainRequest] = await requestsTo('/export/graphml');
  assert.equal(plainRequest?.auth ?? null, null);
  check();
});

test('a token the service refuses is not kept, and the explorer says so', async (t) => {
  if (noKey(t)) return;
  const { page, check, requestsTo, expectRefusals } = await explorer(t);
  const wrong = `sgk_${keyId}_${'0'.repeat(32)}`;
  await signIn(page, wrong);
  const message = page.locator('#sign-in-message');
  await message.filter({ hasText: /refused this token/ }).waitFor();
  assert.match(await page.locator('#sign-in-toggle').innerText(), /Sign in/);
  assert.ok(!Object.values((await storedToken(page)).session).includes(wrong));
  // The form is still there for another try, with the focus in it.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'sign-in-token');
  await screenshot(page, 'explorer-sign-in-refused');
  const asked = await requestsTo('/graphql');
  assert.ok(asked.some((r) => r.auth === `Bearer ${wrong}`), 'the wrong token was never tried');

  // The page goes on without a token.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Summary', exact: true }).click();
  await page.locator('#summary[data-state="ready"]').waitFor();
  assert.deepEqual((await requestsTo('/graphql')).filter((r) => r.auth !== null), []);
  expectRefusals();
  check();
});

test('a kept token the service no longer takes is dropped, and the network is drawn without it', async (t) => {
  if (noKey(t)) return;
  // As if the tab had signed in earlier with a key revoked since: the page finds it in sessionStorage.
  const revoked = `sgk_${'f'.repeat(16)}_${'0'.repeat(32)}`;
  const keep = ([name, token]) => {
    if (!sessionStorage.getItem('test-kept')) {
      sessionStorage.setItem('test-kept', '1');
      sessionStorage.setItem(name, token);
    }
  };
  const { page, check, expectRefusals } = await explorer(t, { init: [keep, ['stakeholder-graph.token', revoked]] });
  await page.locator('#sign-in-message').filter({ hasText: /refused your token/ }).waitFor();
  assert.ok(!Object.values((await storedToken(page)).session).includes(revoked));
  assert.match(await page.locator('#sign-in-toggle').innerText(), /Sign in/);
  assert.equal(await page.locator('#graph').getAttribute('data-state'), 'ready');
  expectRefusals();
  check();
});

/** Sends a mutation to the service with a key, as a curator's client would, and returns its data. */
async function curate(token, query, variables) {
  const res = await fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  assert.ok(!body.errors?.length, `mutation refused: ${JSON.stringify(body.errors)}`);
  return body.data;
}

test('the explorer redraws when a curator changes the graph elsewhere', async (t) => {
  if (noKey(t)) return;
  const { page, check } = await explorer(t);
  const nodes = () => page.evaluate(() => Number(document.querySelector('#graph').dataset.nodeCount));
  const before = await nodes();
  const slug = `browser-live-${Date.now()}`;
  // Another client (not this page) adds a stakeholder and a partnership with the editor's key.
  await curate(key, `mutation($slug: String!) { createStakeholder(input: {slug: $slug, name: "Browser Live Test", kind: NGO,
    sector: CIVIL_SOCIETY, citations: [{source: "ijm-2024-07-30-wdat", quote: "test"}]}) { stakeholder { slug } } }`, { slug });
  t.after(() =>
    curate(adminKey, 'mutation($slug: String!) { deleteStakeholder(input: {slug: $slug}) { change { seq } } }', { slug }),
  );
  await curate(key, `mutation($slug: String!) { createTie(input: {type: PARTNERS_WITH, from: "kdn", to: $slug,
    citations: [{source: "ijm-2024-07-30-wdat", quote: "test"}]}) { tie { key } } }`, { slug });
  // The page is pushed the changes and draws the new stakeholder, without a reload.
  await page.waitForFunction((n) => Number(document.querySelector('#graph').dataset.nodeCount) === n, before + 1, { timeout: 20_000 });
  await waitForDrawing(page);
  await screenshot(page, 'explorer-live-update');
  // Deleted elsewhere: gone from the drawing too.
  await curate(adminKey, 'mutation($slug: String!) { deleteStakeholder(input: {slug: $slug}) { change { seq } } }', { slug });
  await page.waitForFunction((n) => Number(document.querySelector('#graph').dataset.nodeCount) === n, before, { timeout: 20_000 });
  assert.equal(await nodes(), before);
  await check();
});
