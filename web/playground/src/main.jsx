// GraphiQL playground for the stakeholder-graph GraphQL API.
//
// Bundled by ../../build.mjs into web/dist/playground and served by the Go
// package `web` at /playground. Everything is loaded from the service
// itself: the GraphQL endpoint is /graphql on the page's origin and the
// example queries come from /playground/examples.json (generated from
// web/examples/*.graphql).
//
// /playground?query=...&variables=... opens that query (and its variables,
// a JSON text) in a new tab, next to the tabs already open; the explorer's
// "Open as query" button links here that way. The logo links back to the
// explorer at /.

import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';

import 'graphiql/graphiql.css';
import './main.css';

const ENDPOINT = new URL('/graphql', window.location.origin).href;
const EXAMPLES_URL = '/playground/examples.json';

// Key (outside GraphiQL's own "graphiql:" namespace) that remembers which
// set of examples the persisted tabs were created from.
const EXAMPLES_HASH_KEY = 'stakeholder-graph:playground:examples';
// GraphiQL persists its tabs here; when present it ignores defaultTabs.
const GRAPHIQL_TABS_KEY = 'graphiql:tabState';
// GraphiQL's memory of the active tab's editors: on load it activates the
// persisted tab whose contents match these.
const GRAPHIQL_QUERY_KEY = 'graphiql:query';
const GRAPHIQL_VARIABLES_KEY = 'graphiql:variables';

const FALLBACK_TABS = [
  {
    query: [
      '# Could not load the example queries from ' + EXAMPLES_URL + '.',
      '# Open the Documentation Explorer (book icon, top left) to browse the schema.',
      '',
      '{',
      '  __typename',
      '}',
      '',
    ].join('\n'),
  },
];

function isExample(e) {
  return (
    e !== null &&
    typeof e === 'object' &&
    typeof e.title === 'string' &&
    typeof e.query === 'string' &&
    (e.variables == null || typeof e.variables === 'string')
  );
}

function toTab(example) {
  const tab = { query: '# ' + example.title + '\n' + example.query.trim() + '\n' };
  if (example.variables) {
    tab.variables = example.variables;
  }
  return tab;
}

// Small non-cryptographic string hash (FNV-1a, 32 bit).
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

async function loadTabs() {
  try {
    const res = await fetch(EXAMPLES_URL, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!res.ok) {
      throw new Error('HTTP ' + res.status);
    }
    const text = await res.text();
    const examples = JSON.parse(text);
    if (!Array.isArray(examples) || examples.length === 0 || !examples.every(isExample)) {
      throw new Error('unexpected examples.json content');
    }
    return { tabs: examples.map(toTab), version: hash(text) };
  } catch (err) {
    console.warn('playground: using fallback tab:', err);
    return { tabs: FALLBACK_TABS, version: null };
  }
}

// GraphiQL restores the tabs persisted in localStorage and then ignores
// defaultTabs. Drop the persisted tabs whenever the set of examples changed,
// so that new or edited examples show up; history and settings are kept.
function resetTabsIfExamplesChanged(version) {
  if (version === null) {
    return;
  }
  try {
    if (window.localStorage.getItem(EXAMPLES_HASH_KEY) !== version) {
      window.localStorage.removeItem(GRAPHIQL_TABS_KEY);
      window.localStorage.setItem(EXAMPLES_HASH_KEY, version);
    }
  } catch {
    // localStorage unavailable (privacy mode, disabled storage): nothing to reset.
  }
}

// Reads ?query= and ?variables= from the page URL; null when there is no query.
function requestedTab() {
  const params = new URLSearchParams(window.location.search);
  const query = params.get('query');
  if (!query || !query.trim()) {
    return null;
  }
  let variables = params.get('variables');
  if (variables) {
    try {
      variables = JSON.stringify(JSON.parse(variables), null, 2);
    } catch {
      // Not JSON: show it as given, GraphiQL will point at the mistake.
    }
  }
  return { query, variables: variables || null };
}

// The tab as GraphiQL persists it (see @graphiql/react's tab state).
function storedTab({ query, variables }) {
  const match = /^(?!#).*(query|subscription|mutation)\s+([a-zA-Z0-9_]+)/m.exec(query);
  const operationName = match ? match[2] : null;
  return {
    id: Math.random().toString(36).slice(2) + Date.now().toString(36),
    hash: [query, variables ?? '', ''].join('|'),
    title: operationName || '<untitled>',
    query,
    variables: variables ?? null,
    headers: null,
    operationName,
    response: null,
  };
}

// Adds the requested tab to the persisted tabs (or the example tabs on a
// first visit) and makes it the active one, the way GraphiQL itself opens a
// query passed as a prop. Returns false when localStorage is unavailable.
function openRequestedTab(tab, exampleTabs) {
  try {
    const storage = window.localStorage;
    let state = null;
    try {
      state = JSON.parse(storage.getItem(GRAPHIQL_TABS_KEY));
    } catch {
      state = null;
    }
    if (!state || !Array.isArray(state.tabs) || typeof state.activeTabIndex !== 'number') {
      state = { tabs: exampleTabs.map((t) => storedTab({ query: t.query, variables: t.variables })), activeTabIndex: 0 };
    }
    const same = state.tabs.findIndex((t) => t.query === tab.query && (t.variables ?? null) === tab.variables);
    if (same >= 0) {
      state.activeTabIndex = same;
    } else {
      state.tabs.push(storedTab(tab));
      state.activeTabIndex = state.tabs.length - 1;
    }
    storage.setItem(GRAPHIQL_TABS_KEY, JSON.stringify(state));
    storage.setItem(GRAPHIQL_QUERY_KEY, tab.query);
    if (tab.variables) {
      storage.setItem(GRAPHIQL_VARIABLES_KEY, tab.variables);
    } else {
      storage.removeItem(GRAPHIQL_VARIABLES_KEY);
    }
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const container = document.getElementById('graphiql');
  const { tabs, version } = await loadTabs();
  resetTabsIfExamplesChanged(version);

  let defaultTabs = tabs;
  const requested = requestedTab();
  if (requested) {
    // Without storage, open the requested query as the first (active) tab.
    if (!openRequestedTab(requested, tabs)) {
      defaultTabs = [requested, ...tabs];
    }
    // Reloading the page should not open the query again.
    window.history.replaceState(null, '', window.location.pathname);
  }

  // Subscriptions run over WebSocket on the same path (graphql-transport-ws); the toolkit loads graphql-ws
  // for them.
  const wsScheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const fetcher = createGraphiQLFetcher({
    url: ENDPOINT,
    subscriptionUrl: new URL(ENDPOINT, window.location.href).href.replace(/^https?:/, wsScheme),
  });

  createRoot(container).render(
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={defaultTabs}
      visiblePlugin="Documentation Explorer"
      shouldPersistHeaders={false}
    >
      {/* GraphiQL recognises its logo slot by element type, so it is written out here. */}
      <GraphiQL.Logo>
        <a className="playground-home" href="/" title="Back to the network explorer">
          <span aria-hidden="true">←</span> Explorer
        </a>
      </GraphiQL.Logo>
    </GraphiQL>,
  );
}

main();
