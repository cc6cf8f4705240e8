// The explorer's only data source: the public GraphQL API at POST /graphql
// and the download URLs GET /export/{format}. Every query the page runs is
// spelled out here, so this file doubles as a reference client for dashboard
// developers: copy a query, keep its variables, and you get the same data.
//
// The filter object the functions take is the schema's NetworkFilter
// ({kinds, sectors, focusAreas, tieTypes, country, asOf}); empty lists and
// blank values are dropped before sending.

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

/**
 * Runs one GraphQL operation and returns its `data`. Fails with an ApiError
 * carrying the first error's message and code when the answer has errors.
 */
export async function graphql(query, variables = {}, { signal } = {}) {
  let res;
  try {
    res = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
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
 * knows its range.
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

/** Everything the side panel shows about one stakeholder. */
export const STAKEHOLDER_QUERY = `query ExplorerStakeholder($slug: String!, $asOf: Date) {
  stakeholder(slug: $slug) {
    id slug name acronym aliases
    kind sector country description collective
    focusAreas mandates
    sources { ...SourceFields }
    partners(asOf: $asOf) {
      partner { id slug name acronym kind sector }
      focusAreas description since until evidencedFrom
      sources { ...SourceFields }
    }
    ties(asOf: $asOf) {
      type direction role
      other { id slug name acronym kind sector }
      focusAreas description since until evidencedFrom
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
          sources { ...SourceFields }
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

export const fetchNetwork = (filter, opts) =>
  graphql(NETWORK_QUERY, { filter: cleanFilter(filter) }, opts).then((d) => d.network);

/** The top 1000 is the API's limit; nodes beyond it get the smallest size. */
export const fetchCentrality = (metric, filter, opts) =>
  graphql(CENTRALITY_QUERY, { metric, filter: cleanFilter(filter), top: 1000 }, opts).then((d) => d.centrality);

export const fetchStakeholder = (slug, asOf, opts) =>
  graphql(STAKEHOLDER_QUERY, { slug, asOf: asOf || null }, opts).then((d) => d.stakeholder);

export const search = (text, opts) => graphql(SEARCH_QUERY, { text, first: 8 }, opts).then((d) => d.search);

export const fetchPath = (from, to, filter, opts) =>
  graphql(PATH_QUERY, { from, to, filter: cleanFilter(filter) }, opts).then((d) => d.path);

export const fetchSummary = (filter, opts) =>
  graphql(SUMMARY_QUERY, { filter: cleanFilter(filter), brokers: 10 }, opts);

/**
 * The download URL of the view in one of the service's export formats:
 * GET /export/{format}?kinds=A,B&sectors=..&focusAreas=..&tieTypes=..&country=..&asOf=YYYY-MM-DD
 */
export function exportURL(format, filter) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(cleanFilter(filter))) {
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const qs = params.toString();
  return `/export/${encodeURIComponent(format)}${qs ? '?' + qs : ''}`;
}

/** The playground URL that opens `query` with `variables` in a new tab. */
export function playgroundURL(query, variables) {
  const params = new URLSearchParams({ query });
  if (variables && Object.keys(variables).length > 0) {
    params.set('variables', JSON.stringify(variables, null, 2));
  }
  return `/playground?${params}`;
}
