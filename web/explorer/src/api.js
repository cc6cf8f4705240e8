// The explorer's only data source: the public GraphQL API at POST /graphql
// and the download URLs GET /export/{format}. Every query the page runs is
// spelled out here, so this file doubles as a reference client for dashboard
// developers: copy a query, keep its variables, and you get the same data.
// Once the user has signed in, every request carries their token as
// `Authorization: Bearer <token>` (credentials.js keeps it).
//
// The filter the functions take is the explorer's own, flat one (state.js:
// {kinds, sectors, focusAreas, tieTypes, country, asOf, minSources, minKind,
// affiliation, eventKinds, roles}); networkFilter turns it into the schema's
// NetworkFilter, leaving out what asks for nothing.

import * as credentials from './credentials.js';

/** The GraphQL endpoint, on the page's own origin. */
export const ENDPOINT = '/graphql';

/** An error answered by the API: `code` is extensions.code (BAD_USER_INPUT, NOT_FOUND, ...). */
export class ApiError extends Error {
  constructor(message, code, status) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
  }
}

/** The request headers that carry `token`: none for ''. */
function bearer(token) {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/**
 * Runs one GraphQL operation and returns its `data`. Fails with an ApiError
 * carrying the first error's message and code when the answer has errors.
 * It sends the signed-in user's token, or `token` when given ('' for none);
 * a token the service refuses (HTTP 401) is forgotten (credentials.refused).
 */
export async function graphql(query, variables = {}, { signal, token = credentials.token() } = {}) {
  let res;
  try {
    res = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...bearer(token) },
      credentials: 'same-origin',
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError('The service cannot be reached. Is it running?', 'NETWORK', 0);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON: fall through to the status check.
  }
  if (res.status === 401) credentials.refused(token);
  if (body && Array.isArray(body.errors) && body.errors.length > 0) {
    const first = body.errors[0];
    throw new ApiError(first.message || 'The query failed.', first.extensions?.code || 'UNKNOWN', res.status);
  }
  if (!res.ok || !body || !body.data) {
    throw new ApiError(`The service answered HTTP ${res.status}.`, 'HTTP', res.status);
  }
  return body.data;
}

/** Drops empty lists and blank strings, so the API sees only real conditions. */
export function cleanFilter(filter = {}) {
  const out = {};
  for (const [key, value] of Object.entries(filter)) {
    if (Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null && value !== '') {
      out[key] = value;
    }
  }
  return out;
}

/**
 * The evidence the filter asks of each tie, as the schema's EvidenceFilter
 * ({minSources, minKind}), or null when it asks for the API's default. A
 * shared-events view has no evidence to weigh: null there too.
 */
export function evidenceFilter(filter = {}) {
  if (filter.affiliation) return null;
  const evidence = cleanFilter({ minSources: filter.minSources > 1 ? filter.minSources : null, minKind: filter.minKind });
  return Object.keys(evidence).length > 0 ? evidence : null;
}

/**
 * The explorer's filter as the schema's NetworkFilter. With `affiliation`
 * the view links stakeholders by shared events: the API refuses tieTypes
 * there, and evidence does not apply, so neither is sent.
 */
export function networkFilter(filter = {}) {
  const { kinds, sectors, focusAreas, tieTypes, country, asOf } = filter;
  const out = cleanFilter({ kinds, sectors, focusAreas, tieTypes: filter.affiliation ? null : tieTypes, country, asOf });
  const evidence = evidenceFilter(filter);
  if (evidence) out.evidence = evidence;
  if (filter.affiliation) out.affiliation = cleanFilter({ eventKinds: filter.eventKinds, roles: filter.roles });
  return out;
}

// The fields of a Source, wherever one is shown.
const SOURCE_FIELDS = `fragment SourceFields on Source {
  title
  publisher
  date
  url
  kind
  quote
}`;

/**
 * The network view to draw: every stakeholder with what colours and labels
 * it, and every tie with its ends. Ties carry their dates so the date slider
 * knows its range, and their weight (how many events a shared-events tie
 * stands for; 1 for a stored tie) so the drawing can widen them.
 */
export const NETWORK_QUERY = `query ExplorerNetwork($filter: NetworkFilter) {
  network(filter: $filter) {
    stakeholderCount
    tieCount
    stakeholders {
      id slug name acronym kind sector country collective
    }
    ties {
      key type directed
      from { id }
      to { id }
      since until evidencedFrom
      weight
    }
  }
}`;

/** Centrality scores in the same view, which size the nodes. */
export const CENTRALITY_QUERY = `query ExplorerCentrality($metric: CentralityMetric!, $filter: NetworkFilter, $top: Int) {
  centrality(metric: $metric, filter: $filter, top: $top) {
    stakeholder { id }
    value
    rank
  }
}`;

/** Everything the side panel shows about one stakeholder; its ties as the view's date and evidence have them. */
export const STAKEHOLDER_QUERY = `query ExplorerStakeholder($slug: String!, $asOf: Date, $evidence: EvidenceFilter) {
  stakeholder(slug: $slug) {
    id slug name acronym aliases
    kind sector country description collective
    focusAreas mandates
    sources { ...SourceFields }
    partners(asOf: $asOf, evidence: $evidence) {
      partner { id slug name acronym kind sector }
      focusAreas description since until evidencedFrom
      independentSources strongestSource
      sources { ...SourceFields }
    }
    ties(asOf: $asOf, evidence: $evidence) {
      type direction role
      other { id slug name acronym kind sector }
      focusAreas description since until evidencedFrom
      independentSources strongestSource
      sources { ...SourceFields }
    }
    positions {
      title since until
      person { name honorific }
    }
    participations {
      role
      event { name date location }
    }
  }
}

${SOURCE_FIELDS}`;

/** Full-text search over stakeholders, people and events. */
export const SEARCH_QUERY = `query ExplorerSearch($text: String!, $first: Int) {
  search(text: $text, first: $first) {
    score
    node {
      __typename
      ... on Stakeholder { id slug name acronym kind sector }
      ... on Person {
        name honorific
        positions { title stakeholder { id slug name } }
      }
      ... on Event {
        name date
        participants(roles: [HOST, ORGANISER]) {
          participant { __typename ... on Stakeholder { id slug name } }
        }
      }
    }
  }
}`;

/** The shortest path between two stakeholders within the view, with the ties of each hop. */
export const PATH_QUERY = `query ExplorerPath($from: ID!, $to: ID!, $filter: NetworkFilter) {
  path(from: $from, to: $to, filter: $filter, maxHops: 10, limit: 1) {
    length
    truncated
    paths {
      stakeholders { id slug name acronym kind sector }
      hops {
        from { id }
        to { id }
        ties {
          key type description
          independentSources strongestSource
          sources { ...SourceFields }
          weight
          events { slug name date kind }
        }
      }
    }
  }
}

${SOURCE_FIELDS}`;

/** The summary view: counts, the cross-group tie matrices and the brokers. */
export const SUMMARY_QUERY = `query ExplorerSummary($filter: NetworkFilter, $brokers: Int) {
  networkStats(filter: $filter) {
    stakeholderCount edgeCount density averageDegree
    componentCount largestComponentSize diameter
    byKind { group count }
    bySector { group count }
    kindMatrix { from to count }
    sectorMatrix { from to count }
    sectorEI { group external internal index }
  }
  brokers(filter: $filter, top: $brokers) {
    stakeholder { id slug name acronym kind sector }
    betweenness
    bridgedSectors
  }
}`;

/**
 * The shared-events ties of one stakeholder, each with the events behind it:
 * its neighbourhood in the view (a view with `affiliation`). The
 * neighbourhood also holds the ties among the neighbours, which the panel
 * leaves out.
 */
export const SHARED_EVENTS_QUERY = `query ExplorerSharedEvents($id: ID!, $filter: NetworkFilter) {
  neighborhood(id: $id, depth: 1, filter: $filter) {
    ties {
      key weight
      from { id slug name acronym kind sector }
      to { id slug name acronym kind sector }
      events { slug name date kind }
    }
  }
}`;

/**
 * How the view grew, year by year: ties begun in each year and in force on
 * its 31 December. The filter has no date (the timeline spans them all) and
 * is never a shared-events view, which the API refuses here.
 */
export const TIMELINE_QUERY = `query ExplorerTimeline($filter: NetworkFilter) {
  timeline(filter: $filter) {
    undatedTies
    years { year tiesBegun tiesInForce }
  }
}`;

/** Who the service takes the caller to be: the role and the credential behind it. */
export const VIEWER_QUERY = `query ExplorerViewer {
  viewer { authenticated role subject }
}`;

export const fetchNetwork = (filter, opts) =>
  graphql(NETWORK_QUERY, { filter: networkFilter(filter) }, opts).then((d) => d.network);

/** The top 1000 is the API's limit; nodes beyond it get the smallest size. */
export const fetchCentrality = (metric, filter, opts) =>
  graphql(CENTRALITY_QUERY, { metric, filter: networkFilter(filter), top: 1000 }, opts).then((d) => d.centrality);

/** The variables of STAKEHOLDER_QUERY for a stakeholder seen through the explorer's filter. */
export const stakeholderVariables = (slug, filter = {}) => ({ slug, asOf: filter.asOf || null, evidence: evidenceFilter(filter) });

export const fetchStakeholder = (slug, filter, opts) =>
  graphql(STAKEHOLDER_QUERY, stakeholderVariables(slug, filter), opts).then((d) => d.stakeholder);

/** The ties of the stakeholder `id` in the shared-events view `filter`, with their events. */
export const fetchSharedEvents = (id, filter, opts) =>
  graphql(SHARED_EVENTS_QUERY, { id, filter: networkFilter(filter) }, opts).then((d) =>
    d.neighborhood.ties.filter((t) => t.from.id === id || t.to.id === id),
  );

/** The timeline variables for the explorer's filter: the same view, without its date. */
export const timelineVariables = (filter) => ({ filter: networkFilter({ ...filter, asOf: '' }) });

export const fetchTimeline = (filter, opts) =>
  graphql(TIMELINE_QUERY, timelineVariables(filter), opts).then((d) => d.timeline);

export const search = (text, opts) => graphql(SEARCH_QUERY, { text, first: 8 }, opts).then((d) => d.search);

export const fetchPath = (from, to, filter, opts) =>
  graphql(PATH_QUERY, { from, to, filter: networkFilter(filter) }, opts).then((d) => d.path);

export const fetchSummary = (filter, opts) =>
  graphql(SUMMARY_QUERY, { filter: networkFilter(filter), brokers: 10 }, opts);

/** The viewer as the service sees `opts.token` (or the signed-in user's token, without one). */
export const fetchViewer = (opts) => graphql(VIEWER_QUERY, {}, opts).then((d) => d.viewer);

/**
 * The download URL of the view in one of the service's export formats:
 * GET /export/{format}?kinds=A,B&sectors=..&focusAreas=..&tieTypes=..&country=..&asOf=YYYY-MM-DD
 * &minSources=2&minKind=NEWS, or for a shared-events view ..&affiliation=true&eventKinds=..&roles=..
 * (the same names as the page's own URL). The parameters follow networkFilter.
 */
export function exportURL(format, filter) {
  const f = networkFilter(filter);
  const params = new URLSearchParams();
  const set = (key, value) => {
    if (value !== undefined) params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  };
  for (const key of ['kinds', 'sectors', 'focusAreas', 'tieTypes', 'country', 'asOf']) set(key, f[key]);
  set('minSources', f.evidence?.minSources);
  set('minKind', f.evidence?.minKind);
  if (f.affiliation) {
    set('affiliation', true);
    set('eventKinds', f.affiliation.eventKinds);
    set('roles', f.affiliation.roles);
  }
  const qs = params.toString();
  return `/export/${encodeURIComponent(format)}${qs ? '?' + qs : ''}`;
}

/**
 * Downloads an export URL with the signed-in user's token, which a plain link cannot send. Resolves to
 * {blob, filename}: the file, and the name the service's Content-Disposition gives it. Fails with an
 * ApiError as graphql does; the downloads answer their own errors as {"error": {code, message}}, except
 * a refused token, which is answered as on /graphql.
 */
export async function download(url, { signal } = {}) {
  const token = credentials.token();
  let res;
  try {
    res = await fetch(url, { headers: bearer(token), credentials: 'same-origin', signal });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError('The service cannot be reached. Is it running?', 'NETWORK', 0);
  }
  if (!res.ok) {
    if (res.status === 401) credentials.refused(token);
    let body = null;
    try {
      body = await res.json();
    } catch {
      // Not JSON: only the status is known.
    }
    const error = body?.errors?.[0] || body?.error;
    throw new ApiError(
      error?.message || `The service answered HTTP ${res.status}.`,
      error?.extensions?.code || error?.code || 'HTTP',
      res.status,
    );
  }
  const fallback = new URL(url, window.location.href).pathname.split('/').pop();
  return { blob: await res.blob(), filename: attachmentName(res.headers.get('Content-Disposition')) || fallback };
}

/**
 * The file name of a Content-Disposition header: its filename* (RFC 6266, percent-encoded UTF-8) when
 * there is one, else its filename; '' for none. Only the last path segment is kept.
 */
export function attachmentName(header) {
  if (!header) return '';
  let name = '';
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header);
  if (extended) {
    const value = extended[1].trim().replace(/^"(.*)"$/, '$1');
    try {
      name = decodeURIComponent(value.replace(/^[\w-]*'[^']*'/, ''));
    } catch {
      name = '';
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
    if (plain) name = plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2];
  }
  return name.split(/[\\/]/).pop().trim();
}

/** The playground URL that opens `query` with `variables` in a new tab. */
export function playgroundURL(query, variables) {
  const params = new URLSearchParams({ query });
  if (variables && Object.keys(variables).length > 0) {
    params.set('variables', JSON.stringify(variables, null, 2));
  }
  return `/playground?${params}`;
}
