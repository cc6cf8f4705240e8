// Shared set-up of the browser tests: Debian's Chromium driven by
// playwright-core (which never downloads a browser), the service under test
// at BASE_URL, a GraphQL client to ask the API for the numbers the page must
// show, and a watch on every request and console message of a page.
//
// Environment:
//   BASE_URL         the running service, e.g. http://127.0.0.1:8080 (required)
//   CHROMIUM         the browser binary (default /usr/bin/chromium)
//   SCREENSHOT_DIR   where screenshots go (default test-results/screenshots
//                    under the repository root)

import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const BASE_URL = (process.env.BASE_URL || '').replace(/\/$/, '');
if (!BASE_URL) {
  throw new Error('BASE_URL is not set: run the browser tests with scripts/browser-test.sh');
}
const origin = new URL(BASE_URL).origin;

export const SCREENSHOT_DIR =
  process.env.SCREENSHOT_DIR || path.resolve(here, '..', '..', '..', 'test-results', 'screenshots');

/** Launches headless Chromium from the Debian package. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // WebGL through SwiftShader, the software renderer, without a GPU.
      '--enable-unsafe-swiftshader',
      '--use-angle=swiftshader',
    ],
  });
}

/**
 * Opens a page in a fresh context and records, until `check()` is called:
 * requests that failed or were answered with an HTTP error, requests to any
 * other origin (they are blocked, as on a machine without internet), console
 * errors and uncaught exceptions.
 */
export async function openPage(browser, { viewport = { width: 1440, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, acceptDownloads: true });
  const problems = [];
  // No internet: anything not served by the service under test is refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('blob:') || url.startsWith('data:') || new URL(url).origin === origin) {
      return route.continue();
    }
    problems.push(`request to another origin: ${url}`);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  watch(page, problems);
  context.on('page', (p) => watch(p, problems));
  return {
    context,
    page,
    problems,
    /** Fails if anything went wrong on the page so far. */
    check() {
      if (problems.length > 0) {
        throw new Error(`the page had problems:\n  ${problems.join('\n  ')}`);
      }
    },
  };
}

function watch(page, problems) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on('requestfailed', (req) => {
    const failure = req.failure()?.errorText || '';
    // Cancelled fetches (a newer filter superseded an older one) are not failures.
    if (failure.includes('ERR_ABORTED') || failure.includes('blockedbyclient')) return;
    problems.push(`request failed: ${req.method()} ${req.url()} (${failure})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
}

/** Runs a GraphQL query against the service (outside the browser) and returns its data. */
export async function graphql(query, variables = {}) {
  const res = await fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Saves a screenshot as SCREENSHOT_DIR/<name>.png. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Opens the explorer (with an optional query string) and waits until the network is drawn and laid out. */
export async function openExplorer(page, query = '') {
  await page.goto(`${BASE_URL}/${query}`);
  await waitForDrawing(page);
}

/** Waits until the drawing shows the latest data and the layout has settled. */
export async function waitForDrawing(page) {
  const graph = page.locator('#graph');
  await graph.and(page.locator('[data-state="ready"][data-layout="done"]')).waitFor({ timeout: 60_000 });
}

/** The drawing's node and edge counts, as the page exposes them. */
export async function drawnCounts(page) {
  const graph = page.locator('#graph');
  return {
    nodes: Number(await graph.getAttribute('data-node-count')),
    edges: Number(await graph.getAttribute('data-edge-count')),
  };
}
