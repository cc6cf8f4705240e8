// GraphiQL playground for the stakeholder-graph GraphQL API.
//
// Bundled by build.mjs into web/dist and served by the Go package `web` at
// /playground. Everything is loaded from the service itself: the GraphQL
// endpoint is /graphql on the page's origin and the example queries come
// from /playground/examples.json (generated from web/examples/*.graphql).

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

async function main() {
  const container = document.getElementById('graphiql');
  const { tabs, version } = await loadTabs();
  resetTabsIfExamplesChanged(version);

  const fetcher = createGraphiQLFetcher({ url: ENDPOINT });

  createRoot(container).render(
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={tabs}
      visiblePlugin="Documentation Explorer"
      shouldPersistHeaders={false}
    />,
  );
}

main();
