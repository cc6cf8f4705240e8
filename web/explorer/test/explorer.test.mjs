// Browser tests of the network explorer at /, against the running service
// and its real Neo4j. Every expected number comes from the API itself; the
// only facts written down here are facts of the seed network (IJM Malaysia
// partners with the Ministry of Home Affairs, for instance).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BASE_URL,
  SCREENSHOT_DIR,
  launch,
  openPage,
  openExplorer,
  waitForDrawing,
  drawnCounts,
  graphql,
  screenshot,
} from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens a fresh page with the explorer drawn; `t.after` closes it. */
async function explorer(t, query = '', options) {
  const session = await openPage(browser, options);
  t.after(() => session.context.close());
  await openExplorer(session.page, query);
  return session;
}

/** Types into a combobox and picks the option whose label matches. */
async function choose(page, inputLabel, text, optionName) {
  const input = page.getByRole('combobox', { name: inputLabel });
  await input.fill(text);
  const option = page.getByRole('option', { name: optionName }).first();
  await option.waitFor();
  await option.click();
}

test('the explorer loads without errors and draws every stakeholder and tie the API returns', async (t) => {
  const { page, check } = await explorer(t);
  const { network } = await graphql('{ network { stakeholderCount tieCount } }');
  assert.ok(network.stakeholderCount > 0, 'the seeded network is empty');
  assert.deepEqual(await drawnCounts(page), { nodes: network.stakeholderCount, edges: network.tieCount });
  await assert.doesNotReject(page.getByRole('status').filter({ hasText: `${network.stakeholderCount} stakeholders` }).waitFor());
  // The legend counts the groups the drawing holds.
  const legend = page.getByLabel('Legend');
  await assert.doesNotReject(legend.getByText('Government').waitFor());
  await screenshot(page, 'explorer-overview');
  check();
});

test('clicking IJM Malaysia lists the Ministry of Home Affairs among its partners, with a source', async (t) => {
  const { page, check } = await explorer(t);
  // The search box focuses the node: the camera centres on it.
  await choose(page, 'Search stakeholders, people and events', 'IJM Malaysia', /IJM Malaysia/);
  const graph = page.locator('#graph');
  await graph.and(page.locator('[data-focused="ijm-malaysia"]')).waitFor();
  const panel = page.getByRole('complementary', { name: 'Stakeholder details' });
  await panel.and(page.locator('[data-state="ready"]')).waitFor();
  await panel.getByRole('button', { name: 'Close the details' }).click();
  await panel.waitFor({ state: 'hidden' });

  // Click the node itself, now at the centre of the drawing.
  const box = await graph.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await panel.and(page.locator('[data-slug="ijm-malaysia"][data-state="ready"]')).waitFor();
  assert.equal(await graph.getAttribute('data-selected'), 'ijm-malaysia');
  await assert.doesNotReject(panel.getByRole('heading', { name: 'IJM Malaysia' }).waitFor());

  const partner = panel.getByLabel('Partners').locator('li.tie[data-slug="kdn"]');
  await assert.doesNotReject(partner.waitFor(), 'the Ministry of Home Affairs is not listed among the partners');
  assert.match(await partner.innerText(), /Ministry of Home Affairs/);
  // Its source: title, publisher, date and the quoted passage.
  const source = partner.locator('li.source').first();
  await source.waitFor();
  assert.match(await source.locator('.source-title').innerText(), /\S/);
  assert.match(await source.locator('.source-meta').innerText(), /\d{4}/);
  assert.match(await source.locator('.source-quote').innerText(), /Home Affairs/);

  // The partner list is what the API says, grouped by kind.
  const { stakeholder } = await graphql('{ stakeholder(slug: "ijm-malaysia") { partners { partner { slug } } } }');
  assert.equal(await panel.getByLabel('Partners').locator('li.tie').count(), stakeholder.partners.length);
  await screenshot(page, 'explorer-ijm-malaysia');
  check();
});

test('a filter changes the drawing as the API says it should', async (t) => {
  const { page, check } = await explorer(t);
  const whole = await drawnCounts(page);

  // Sector: civil society only.
  const sectors = page.getByRole('group', { name: 'Sectors' });
  await sectors.getByRole('button', { name: 'Civil society' }).click();
  await waitForDrawing(page);
  const civil = await graphql('{ network(filter: {sectors: [CIVIL_SOCIETY]}) { stakeholderCount tieCount } }');
  assert.deepEqual(await drawnCounts(page), { nodes: civil.network.stakeholderCount, edges: civil.network.tieCount });
  assert.notEqual(civil.network.stakeholderCount, whole.nodes, 'the filter should change the count');
  assert.match(page.url(), /sectors=CIVIL_SOCIETY/);
  await screenshot(page, 'explorer-filtered');

  // Add government, then a date: the network as it stood on 1 January 2020.
  await sectors.getByRole('button', { name: 'Government' }).click();
  await waitForDrawing(page);
  await page.locator('#as-of').evaluate((el) => {
    const day = Math.floor(Date.UTC(2020, 0, 1) / 86400000);
    el.value = String(day);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForURL(/asOf=2020-01-01/);
  await waitForDrawing(page);
  const dated = await graphql(
    '{ network(filter: {sectors: [CIVIL_SOCIETY, GOVERNMENT], asOf: "2020-01-01"}) { stakeholderCount tieCount } }',
  );
  assert.deepEqual(await drawnCounts(page), { nodes: dated.network.stakeholderCount, edges: dated.network.tieCount });

  // The export links follow the filter.
  const graphml = await page.locator('a.export-link[data-format="graphml"]').getAttribute('href');
  assert.equal(graphml, '/export/graphml?sectors=CIVIL_SOCIETY%2CGOVERNMENT&asOf=2020-01-01');

  // Clearing the filters brings the whole network back.
  await page.getByRole('button', { name: 'Clear all' }).click();
  await waitForDrawing(page);
  assert.deepEqual(await drawnCounts(page), whole);
  check();
});

test('a view given in the URL is drawn as the API returns it', async (t) => {
  const { page, check } = await explorer(t, '?kinds=MINISTRY,AGENCY&tieTypes=MEMBER_OF&color=kind');
  const { network } = await graphql(
    '{ network(filter: {kinds: [MINISTRY, AGENCY], tieTypes: [MEMBER_OF]}) { stakeholderCount tieCount } }',
  );
  assert.deepEqual(await drawnCounts(page), { nodes: network.stakeholderCount, edges: network.tieCount });
  assert.equal(await page.getByRole('group', { name: 'Kinds' }).getByRole('button', { name: 'Ministry' }).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByRole('group', { name: 'Colour nodes by' }).getByRole('button', { name: 'Kind' }).getAttribute('aria-pressed'), 'true');
  check();
});

test('the path finder highlights the shortest path the API finds', async (t) => {
  const { page, check } = await explorer(t);
  await choose(page, 'Path start', 'Global Shepherds', /Global Shepherds/);
  await choose(page, 'Path end', 'Royal Malaysia Police', /Royal Malaysia Police/);
  await page.getByRole('button', { name: 'Find path' }).click();

  const ids = await graphql(
    '{ a: stakeholder(slug: "global-shepherds") { id } b: stakeholder(slug: "pdrm") { id } }',
  );
  const { path: expected } = await graphql(
    'query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 10, limit: 1) { length paths { stakeholders { name } } } }',
    { a: ids.a.id, b: ids.b.id },
  );
  assert.ok(expected, 'the API finds no path in the seed network');

  const graph = page.locator('#graph');
  await graph.and(page.locator(`[data-path-length="${expected.length}"]`)).waitFor();
  const result = page.getByLabel('Path result');
  const steps = result.locator('li.path-node');
  assert.equal(await steps.count(), expected.length + 1);
  assert.deepEqual(await steps.allInnerTexts(), expected.paths[0].stakeholders.map((s) => s.name));
  await screenshot(page, 'explorer-path');

  // Clearing removes the highlight.
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  assert.equal(await graph.getAttribute('data-path-length'), null);
  check();
});

test('the summary shows the counts, the cross-sector tie matrix and the brokers the API computes', async (t) => {
  const { page, check } = await explorer(t);
  await page.getByRole('button', { name: 'Summary', exact: true }).click();
  const summary = page.locator('#summary');
  await summary.and(page.locator('[data-state="ready"]')).waitFor();

  const data = await graphql(`{
    networkStats { stakeholderCount bySector { group count } sectorMatrix { from to count } }
    brokers(top: 10) { stakeholder { name } }
  }`);
  const stats = data.networkStats;
  await assert.doesNotReject(
    summary.getByLabel('Key figures').getByText(String(stats.stakeholderCount), { exact: true }).first().waitFor(),
  );
  // Every cell of the heatmap holds the API's count, in both directions.
  for (const cell of stats.sectorMatrix) {
    for (const [from, to] of [
      [cell.from, cell.to],
      [cell.to, cell.from],
    ]) {
      const td = summary.locator(`td[data-from="${from}"][data-to="${to}"]`);
      assert.equal(await td.getAttribute('data-count'), String(cell.count), `${from} - ${to}`);
    }
  }
  const rows = summary.getByLabel('Top brokers').locator('tbody tr');
  assert.equal(await rows.count(), data.brokers.length);
  if (data.brokers.length > 0) {
    assert.match(await rows.first().innerText(), new RegExp(data.brokers[0].stakeholder.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  }
  await screenshot(page, 'explorer-summary');

  // Switching to kinds redraws the matrix from kindMatrix.
  await summary.getByRole('button', { name: 'Kinds' }).click();
  await assert.doesNotReject(summary.locator('td[data-from="NGO"]').first().waitFor());
  check();
});

test('exports the drawing as PNG and the view in every data format', async (t) => {
  const { page, context, check } = await explorer(t, '?sectors=CIVIL_SOCIETY,GOVERNMENT');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /PNG image/ }).click()]);
  assert.match(download.suggestedFilename(), /\.png$/);
  const file = path.join(SCREENSHOT_DIR, 'explorer-export.png');
  await download.saveAs(file);
  const png = await readFile(file);
  assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')], 'not a PNG');
  // A blank canvas compresses to almost nothing; a drawing with labels does not.
  assert.ok(png.length > 20_000, `the PNG is suspiciously small (${png.length} bytes)`);

  for (const link of await page.locator('a.export-link').all()) {
    const href = await link.getAttribute('href');
    assert.match(href, /^\/export\/[a-z]+\?sectors=CIVIL_SOCIETY%2CGOVERNMENT$/);
    const res = await context.request.get(`${BASE_URL}${href}`);
    assert.equal(res.status(), 200, href);
    assert.ok((await res.body()).length > 0, `${href} is empty`);
  }
  check();
});

test('"Open as query" opens the selection in the playground, which runs it', async (t) => {
  const { page, context, check } = await explorer(t, '?focus=ijm-malaysia');
  const panel = page.getByRole('complementary', { name: 'Stakeholder details' });
  await panel.and(page.locator('[data-slug="ijm-malaysia"][data-state="ready"]')).waitFor();

  const [playground] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Open as query' }).click()]);
  await playground.waitForLoadState();
  await playground.locator('.graphiql-query-editor').waitFor();
  // The query opened as the active tab, named after its operation.
  await assert.doesNotReject(
    playground.locator('.graphiql-tab-active, [aria-selected="true"]').filter({ hasText: 'ExplorerStakeholder' }).first().waitFor(),
  );
  await playground.locator('.graphiql-execute-button').click();
  // The response editor only renders its first lines; the name is among them.
  const response = playground.locator('.graphiql-response');
  await response.getByText('"IJM Malaysia"').first().waitFor();
  assert.doesNotMatch(await response.innerText(), /"errors"/);
  await screenshot(playground, 'playground-from-explorer');
  check();
});

test('the layout adapts to a phone-sized screen', async (t) => {
  const { page, check } = await explorer(t, '', { viewport: { width: 390, height: 844 } });
  const { network } = await graphql('{ network { stakeholderCount } }');
  assert.equal((await drawnCounts(page)).nodes, network.stakeholderCount);
  // The filters live in a drawer behind a button.
  const toggle = page.getByRole('button', { name: 'Show filters and tools' });
  await toggle.click();
  await assert.doesNotReject(page.getByRole('group', { name: 'Sectors' }).waitFor({ state: 'visible' }));
  // Wait for the drawer to finish sliding in.
  await page.waitForFunction(() => document.getElementById('sidebar').getBoundingClientRect().left >= 0);
  await screenshot(page, 'explorer-phone');
  check();
});

/** The number of ties the API draws for a NetworkFilter. */
async function tieCount(filter) {
  const { network } = await graphql('query($filter: NetworkFilter) { network(filter: $filter) { stakeholderCount tieCount } }', {
    filter,
  });
  return network;
}

/** Days since 1970-01-01 of an ISO date, as the date slider counts. */
const dayNumber = (iso) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86400000);

test('the evidence filter draws the ties the API admits, and the panel says how each is evidenced', async (t) => {
  const { page, check } = await explorer(t);
  const whole = await tieCount({});
  assert.equal((await drawnCounts(page)).edges, whole.tieCount);
  const evidence = page.getByRole('group', { name: 'Evidence' });

  // Two independent sources: fewer ties.
  await evidence.getByLabel('Independent sources').selectOption('2');
  await page.waitForURL(/minSources=2/);
  await waitForDrawing(page);
  const two = await tieCount({ evidence: { minSources: 2 } });
  assert.notEqual(two.tieCount, whole.tieCount, 'the seed should have ties that one source alone shows');
  assert.deepEqual(await drawnCounts(page), { nodes: two.stakeholderCount, edges: two.tieCount });

  // And a news source or a weightier one.
  await evidence.getByLabel('Strongest source at least').selectOption('NEWS');
  await page.waitForURL(/minKind=NEWS/);
  await waitForDrawing(page);
  assert.equal((await drawnCounts(page)).edges, (await tieCount({ evidence: { minSources: 2, minKind: 'NEWS' } })).tieCount);
  const graphml = await page.locator('a.export-link[data-format="graphml"]').getAttribute('href');
  assert.equal(graphml, '/export/graphml?minSources=2&minKind=NEWS');

  // Every tie, machine-written summaries too.
  await evidence.getByLabel('Independent sources').selectOption('1');
  await evidence.getByLabel('Strongest source at least').selectOption('MACHINE');
  await page.waitForURL((url) => !/minSources/.test(url.search) && /minKind=MACHINE/.test(url.search));
  await waitForDrawing(page);
  const machine = await tieCount({ evidence: { minKind: 'MACHINE' } });
  assert.ok(machine.tieCount >= whole.tieCount);
  assert.equal((await drawnCounts(page)).edges, machine.tieCount);

  // The panel of a stakeholder with well-evidenced ties lists only those, each with its evidence.
  const { network } = await graphql('{ network(filter: {evidence: {minSources: 2}}) { ties { from { slug } } } }');
  const slug = network.ties[0].from.slug;
  await page.goto(`${BASE_URL}/?minSources=2&focus=${slug}`);
  await waitForDrawing(page);
  const panel = page.getByRole('complementary', { name: 'Stakeholder details' });
  await panel.and(page.locator(`[data-slug="${slug}"][data-state="ready"]`)).waitFor();
  const { stakeholder } = await graphql(
    `query($slug: String!) { stakeholder(slug: $slug) {
      partners(evidence: {minSources: 2}) { independentSources strongestSource }
      ties(evidence: {minSources: 2}) { type independentSources strongestSource }
    } }`,
    { slug },
  );
  const expected = [...stakeholder.partners, ...stakeholder.ties.filter((x) => x.type !== 'PARTNERS_WITH')];
  const items = panel.locator('li.tie');
  assert.equal(await items.count(), expected.length);
  for (const li of await items.all()) {
    assert.ok(Number(await li.getAttribute('data-independent-sources')) >= 2);
    assert.match(await li.locator('.tie-evidence').innerText(), /\d+ independent sources/);
  }
  const strongest = expected.find((x) => x.strongestSource)?.strongestSource;
  if (strongest) {
    const line = panel.locator(`li.tie[data-strongest-source="${strongest}"] .tie-evidence`).first();
    assert.match(await line.innerText(), /strongest: /);
  }
  await screenshot(page, 'explorer-evidence');
  check();
});

test('linking by shared events draws the co-participation ties and lists the events behind each', async (t) => {
  const { page, context, check } = await explorer(t);
  await page.getByRole('group', { name: 'Link stakeholders by' }).getByRole('button', { name: 'Shared events' }).click();
  await page.waitForURL(/affiliation=true/);
  await waitForDrawing(page);
  const graph = page.locator('#graph');
  const all = await graphql('{ network(filter: {affiliation: {}}) { stakeholderCount tieCount ties { weight } } }');
  assert.deepEqual(await drawnCounts(page), { nodes: all.network.stakeholderCount, edges: all.network.tieCount });
  assert.equal(await graph.getAttribute('data-tie-types'), 'CO_PARTICIPATES');
  assert.equal(Number(await graph.getAttribute('data-max-weight')), Math.max(...all.network.ties.map((x) => x.weight)));
  // The tie types do not apply (and are not sent); nor does the timeline.
  assert.ok(await page.getByRole('group', { name: 'Tie types' }).getByRole('button', { name: 'Funds' }).isDisabled());
  assert.equal(await page.locator('.timeline').getAttribute('data-state'), 'off');

  // Trainings only.
  await page.getByRole('group', { name: 'Event kinds' }).getByRole('button', { name: 'Training' }).click();
  await page.waitForURL(/eventKinds=TRAINING/);
  await waitForDrawing(page);
  const { network } = await graphql(`{ network(filter: {affiliation: {eventKinds: [TRAINING]}}) {
    stakeholderCount tieCount
    ties { weight from { slug } to { slug } events { slug } }
  } }`);
  assert.ok(network.tieCount > 0, 'the seed should have stakeholders trained together');
  assert.notEqual(network.tieCount, all.network.tieCount);
  assert.deepEqual(await drawnCounts(page), { nodes: network.stakeholderCount, edges: network.tieCount });

  // The downloads carry the view; JSON, which has no such view, is not offered.
  const graphml = await page.locator('a.export-link[data-format="graphml"]').getAttribute('href');
  assert.equal(graphml, '/export/graphml?affiliation=true&eventKinds=TRAINING');
  assert.equal((await context.request.get(`${BASE_URL}${graphml}`)).status(), 200);
  assert.ok(await page.locator('a.export-link[data-format="json"]').isHidden());

  // The heaviest tie's end lists, for each stakeholder it met, the events they shared.
  const heaviest = network.ties.reduce((a, b) => (b.weight > a.weight ? b : a));
  const { slug } = heaviest.from;
  await page.goto(`${BASE_URL}/?affiliation=true&eventKinds=TRAINING&focus=${slug}`);
  await waitForDrawing(page);
  const panel = page.getByRole('complementary', { name: 'Stakeholder details' });
  await panel.and(page.locator(`[data-slug="${slug}"][data-state="ready"]`)).waitFor();
  const mine = network.ties.filter((x) => x.from.slug === slug || x.to.slug === slug);
  const shared = panel.getByLabel('Shared events', { exact: true });
  assert.equal(await shared.locator('li.tie').count(), mine.length);
  for (const tie of mine) {
    const other = tie.from.slug === slug ? tie.to : tie.from;
    const item = shared.locator(`li.tie[data-slug="${other.slug}"]`);
    assert.equal(await item.getAttribute('data-weight'), String(tie.weight));
    const events = await item.locator('li[data-event]').evaluateAll((els) => els.map((e) => e.dataset.event));
    assert.deepEqual(events, tie.events.map((e) => e.slug), `events shared with ${other.slug}`);
  }
  const open = shared.locator(`li.tie[data-slug="${heaviest.to.slug}"]`);
  if (!(await open.locator('details').evaluate((d) => d.open))) await open.locator('summary').click();
  assert.match(await open.locator('li[data-event]').first().innerText(), /Training/i);
  await screenshot(page, 'explorer-shared-events');

  // Paths walk the same view.
  const ids = await graphql('{ a: stakeholder(slug: "global-shepherds") { id } b: stakeholder(slug: "pdrm") { id } }');
  const { path: expected } = await graphql(
    'query($a: ID!, $b: ID!) { path(from: $a, to: $b, maxHops: 10, limit: 1, filter: {affiliation: {eventKinds: [TRAINING]}}) { length } }',
    { a: ids.a.id, b: ids.b.id },
  );
  await choose(page, 'Path start', 'Global Shepherds', /Global Shepherds/);
  await choose(page, 'Path end', 'Royal Malaysia Police', /Royal Malaysia Police/);
  await page.getByRole('button', { name: 'Find path' }).click();
  await page.getByLabel('Path result').and(page.locator(`[data-length="${expected ? expected.length : 'none'}"]`)).waitFor();

  // Back to ties: the whole network again.
  await page.getByRole('group', { name: 'Link stakeholders by' }).getByRole('button', { name: 'Ties', exact: true }).click();
  await page.waitForURL((url) => !/affiliation|eventKinds/.test(url.search));
  await waitForDrawing(page);
  const whole = await tieCount({});
  assert.deepEqual(await drawnCounts(page), { nodes: whole.stakeholderCount, edges: whole.tieCount });
  check();
});

test('the timeline draws one column per year the API counts, and choosing one sets the date', async (t) => {
  const { page, check } = await explorer(t, '?sectors=CIVIL_SOCIETY,GOVERNMENT');
  const timeline = page.locator('.timeline');
  await timeline.and(page.locator('[data-state="ready"]')).waitFor();
  const { timeline: data } = await graphql(
    'query($filter: NetworkFilter) { timeline(filter: $filter) { years { year tiesBegun tiesInForce } } }',
    { filter: { sectors: ['CIVIL_SOCIETY', 'GOVERNMENT'] } },
  );
  assert.ok(data.years.length > 1, 'the seed should span several years');
  const years = timeline.locator('[data-year]');
  assert.deepEqual(
    await years.evaluateAll((els) => els.map((e) => Number(e.dataset.year))),
    data.years.map((y) => y.year),
  );
  await timeline.scrollIntoViewIfNeeded();
  await screenshot(page, 'explorer-timeline');

  // Click a year in the middle: the slider moves to its 31 December and the drawing follows.
  const pick = data.years[Math.floor(data.years.length / 2)];
  const button = timeline.getByRole('button', { name: new RegExp(`^${pick.year}: ${pick.tiesInForce} ties in force`) });
  await button.click();
  await page.waitForURL(new RegExp(`asOf=${pick.year}-12-31`));
  assert.equal(await page.locator('#as-of').inputValue(), String(dayNumber(`${pick.year}-12-31`)));
  assert.ok(await page.locator('#as-of-enabled').isChecked());
  await waitForDrawing(page);
  const dated = await tieCount({ sectors: ['CIVIL_SOCIETY', 'GOVERNMENT'], asOf: `${pick.year}-12-31` });
  assert.equal((await drawnCounts(page)).edges, dated.tieCount);
  assert.equal(dated.tieCount, pick.tiesInForce, 'the timeline counts what the network shows on 31 December');
  assert.equal(await timeline.locator(`[data-year="${pick.year}"]`).getAttribute('aria-pressed'), 'true');

  // The keyboard works too: the year before, with the left arrow and Enter.
  await timeline.locator(`[data-year="${pick.year}"]`).focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`asOf=${pick.year - 1}-12-31`));

  // The timeline follows the other filters, never the date.
  await page.getByRole('group', { name: 'Sectors' }).getByRole('button', { name: 'Government' }).click();
  await page.waitForURL((url) => !/GOVERNMENT/.test(url.search));
  await timeline.and(page.locator('[data-state="ready"]')).waitFor();
  const civil = await graphql('{ timeline(filter: {sectors: [CIVIL_SOCIETY]}) { years { year } } }');
  await page.waitForFunction(
    (n) => document.querySelectorAll('.timeline [data-year]').length === n,
    civil.timeline.years.length,
  );
  check();
});
