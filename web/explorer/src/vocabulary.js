// The schema's enums as the explorer shows them: a human label and, for the
// groups nodes are coloured by, a colour. The order of each list is the
// order of the legend and of the filter chips.
//
// The colours were picked to stay apart from each other for readers with the
// common forms of colour blindness (blue/orange/green/purple/red differ in
// lightness as well as hue) and to stay legible on the light canvas.

/** Stakeholder kinds (enum StakeholderKind). */
export const KINDS = [
  { value: 'MINISTRY', label: 'Ministry', color: '#2f5da8' },
  { value: 'AGENCY', label: 'Agency', color: '#5b9be6' },
  { value: 'COUNCIL', label: 'Council', color: '#7b4fbf' },
  { value: 'NGO', label: 'NGO', color: '#2ba36b' },
  { value: 'CIVIL_SOCIETY', label: 'Civil society group', color: '#93c25a' },
  { value: 'INTERNATIONAL_ORGANIZATION', label: 'International organisation', color: '#e8a33d' },
  { value: 'DIPLOMATIC_MISSION', label: 'Diplomatic mission', color: '#d9534f' },
  { value: 'PRIVATE_SECTOR', label: 'Private sector', color: '#8c6d5a' },
  { value: 'ACADEMIC', label: 'Academic', color: '#17a2b8' },
];

/** Sectors (enum Sector). */
export const SECTORS = [
  { value: 'GOVERNMENT', label: 'Government', color: '#3b6fd8' },
  { value: 'LAW_ENFORCEMENT', label: 'Law enforcement', color: '#7b4fbf' },
  { value: 'CIVIL_SOCIETY', label: 'Civil society', color: '#2ba36b' },
  { value: 'INTERNATIONAL', label: 'International', color: '#e8a33d' },
  { value: 'DIPLOMATIC', label: 'Diplomatic', color: '#d9534f' },
  { value: 'PRIVATE', label: 'Private', color: '#8c6d5a' },
  { value: 'ACADEMIC', label: 'Academic', color: '#17a2b8' },
];

/** The four pillars (enum FocusArea). */
export const FOCUS_AREAS = [
  { value: 'PREVENTION', label: 'Prevention' },
  { value: 'PROSECUTION', label: 'Prosecution' },
  { value: 'PROTECTION', label: 'Protection' },
  { value: 'PARTNERSHIP', label: 'Partnership' },
];

/**
 * Tie types (enum TieType). Partnerships have no direction and are drawn as
 * thicker orange lines; the organisational ties point somewhere and are
 * drawn as thinner arrows in cooler colours; funding, training, chairing and
 * hosting in between. The last three are not cooperation: the network shows
 * them only when chosen here.
 */
export const TIE_TYPES = [
  { value: 'PARTNERS_WITH', label: 'Partners with', color: '#e4572e', size: 2.4, directed: false },
  { value: 'MEMBER_OF', label: 'Member of', color: '#9aa5b1', size: 1.4, directed: true },
  { value: 'PART_OF', label: 'Part of', color: '#52606d', size: 1.6, directed: true },
  { value: 'SECRETARIAT_OF', label: 'Secretariat of', color: '#a47dd6', size: 1.8, directed: true },
  { value: 'FUNDS', label: 'Funds', color: '#2f9e44', size: 1.8, directed: true },
  { value: 'TRAINS', label: 'Trains', color: '#1c7ed6', size: 1.8, directed: true },
  { value: 'CO_ORGANISES', label: 'Co-organises', color: '#f08c00', size: 2, directed: false },
  { value: 'CHAIRS', label: 'Chairs', color: '#5f3dc4', size: 1.6, directed: true },
  { value: 'HOSTS', label: 'Hosts', color: '#868e96', size: 1.4, directed: true },
  { value: 'SANCTIONS', label: 'Sanctions', color: '#c92a2a', size: 1.6, directed: true },
  { value: 'CRITICISES', label: 'Criticises', color: '#e03131', size: 1.4, directed: true },
  { value: 'DISPUTES', label: 'Disputes with', color: '#a61e4d', size: 1.4, directed: false },
];

/**
 * The tie of a shared-events view (TieType CO_PARTICIPATES): derived by the
 * API from the events two stakeholders took part in, never stored, so no
 * filter chip offers it. Drawn wider the more events the two shared.
 */
export const SHARED_EVENTS_TIE = {
  value: 'CO_PARTICIPATES',
  label: 'Took part in the same events',
  color: '#0b7285',
  size: 1.2,
  directed: false,
};

/** Centrality metrics the nodes can be sized by (enum CentralityMetric). */
export const METRICS = [
  { value: 'DEGREE', label: 'Degree', hint: 'number of ties' },
  { value: 'BETWEENNESS', label: 'Betweenness', hint: 'how often it lies on the shortest paths between others' },
  { value: 'PAGERANK', label: 'PageRank', hint: 'tied to those who are themselves well tied' },
  { value: 'EIGENVECTOR', label: 'Eigenvector', hint: 'influence through influential neighbours' },
  { value: 'CLOSENESS', label: 'Closeness', hint: 'how near it is to everyone else' },
  { value: 'HARMONIC', label: 'Harmonic', hint: 'sum of inverse distances to the others' },
  { value: 'CORE_NUMBER', label: 'Core number', hint: 'the densest core it belongs to' },
];

/** Event participation roles (enum ParticipationRole). */
export const ROLES = {
  HOST: 'Host',
  ATTENDEE: 'Attendee',
  RECOGNISED: 'Recognised',
  ORGANISER: 'Organiser',
  SPONSOR: 'Sponsor',
  SUPPORTER: 'Supporter',
  TRAINER: 'Trainer',
  TRAINED: 'Trained',
};

/** Event kinds (enum EventKind), for the shared-events view. */
export const EVENT_KINDS = [
  { value: 'CEREMONY', label: 'Ceremony' },
  { value: 'TRAINING', label: 'Training' },
  { value: 'CONSULTATION', label: 'Consultation' },
  { value: 'WORKSHOP', label: 'Workshop' },
  { value: 'MEETING', label: 'Meeting' },
  { value: 'CONFERENCE', label: 'Conference' },
  { value: 'OPERATION', label: 'Operation' },
  { value: 'LAUNCH', label: 'Launch' },
  { value: 'CAMPAIGN', label: 'Campaign' },
];

/** The roles above as a list, for the shared-events view's role chips. */
export const ROLE_OPTIONS = Object.entries(ROLES).map(([value, label]) => ({ value, label }));

/** What a source document is (enum SourceKind), from the most weight as evidence to the least. */
export const SOURCE_KINDS = {
  OFFICIAL: 'Official record',
  INTERGOVERNMENTAL: 'Intergovernmental',
  NEWS: 'News',
  SELF: "Organisation's own words",
  ADVOCACY: 'Advocacy',
  COPY: 'Copy of another story',
  LEAK: 'Leaked document',
  MACHINE: 'Machine-written summary',
};

/** How many independent sources a tie needs at least (EvidenceFilter.minSources); 1 is the API's default. */
export const MIN_SOURCES = [1, 2, 3];

/**
 * The choices of EvidenceFilter.minKind, weightiest first. The empty value
 * is the API's default: every kind but a tie only machine summaries show.
 */
export const MIN_KINDS = [
  { value: '', label: 'Any, but not machine-only' },
  ...Object.entries(SOURCE_KINDS).map(([value, label]) =>
    value === 'MACHINE' ? { value, label: 'Every tie, machine summaries too' } : { value, label },
  ),
];

/** The download formats of GET /export/{format}; tiesOnly: the service refuses a shared-events view in it. */
export const EXPORT_FORMATS = [
  { value: 'graphml', label: 'GraphML', hint: 'Gephi, NetworkX, yEd' },
  { value: 'gexf', label: 'GEXF', hint: 'Gephi' },
  { value: 'csv', label: 'CSV (zip)', hint: 'spreadsheets, R, pandas' },
  { value: 'cytoscape', label: 'Cytoscape.js', hint: 'JSON elements' },
  { value: 'kumu', label: 'Kumu', hint: 'JSON blueprint' },
  { value: 'json', label: 'JSON', hint: 'the service’s own format', tiesOnly: true },
];

const byValue = (list) => new Map(list.map((item) => [item.value, item]));
const kindIndex = byValue(KINDS);
const sectorIndex = byValue(SECTORS);
const focusIndex = byValue(FOCUS_AREAS);
const tieIndex = byValue([...TIE_TYPES, SHARED_EVENTS_TIE]);
const eventKindIndex = byValue(EVENT_KINDS);
const metricIndex = byValue(METRICS);

/** The colour used for a group value missing from the lists above. */
export const UNKNOWN_COLOR = '#8a94a6';

export const kind = (v) => kindIndex.get(v) || { value: v, label: humanize(v), color: UNKNOWN_COLOR };
export const sector = (v) => sectorIndex.get(v) || { value: v, label: humanize(v), color: UNKNOWN_COLOR };
export const focusArea = (v) => focusIndex.get(v) || { value: v, label: humanize(v) };
export const tieType = (v) =>
  tieIndex.get(v) || { value: v, label: humanize(v), color: UNKNOWN_COLOR, size: 1, directed: true };
export const eventKind = (v) => eventKindIndex.get(v) || { value: v, label: humanize(v) };
export const metric = (v) => metricIndex.get(v) || { value: v, label: humanize(v), hint: '' };

/** The group list (KINDS or SECTORS) for a colour-by mode. */
export const groupsFor = (colorBy) => (colorBy === 'sector' ? SECTORS : KINDS);
/** The group entry of a value for a colour-by mode. */
export const groupOf = (colorBy, value) => (colorBy === 'sector' ? sector(value) : kind(value));

/** "LAW_ENFORCEMENT" -> "Law enforcement". */
export function humanize(value) {
  const s = String(value ?? '').toLowerCase().replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
