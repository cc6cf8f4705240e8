// The bearer token the user signed in with (an API key or a JWT), and who the service says it belongs to.
//
// The token lives in sessionStorage: it goes when the tab closes, other tabs and sites never see it, and
// it is never written to localStorage or the page's URL (a URL is shared, bookmarked and logged). api.js
// sends it with every request; the sign-in control (sign-in.js) sets and forgets it.

const KEY = 'stakeholder-graph.token';

const listeners = new Set();

// sessionStorage can be missing or refuse writes (a sandboxed frame, storage turned off): the token then
// lasts as long as the page.
let fallback = '';

/** The token, or '' when the user has not signed in. */
export function token() {
  try {
    return window.sessionStorage.getItem(KEY) || '';
  } catch {
    return fallback;
  }
}

/** The headers that carry the token: none without one. */
export function authHeaders() {
  const t = token();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

/**
 * Keeps `value` as the token ('' forgets it) and tells the listeners why: 'signed-in', 'signed-out', or
 * 'refused' when the service turned the token down.
 */
export function setToken(value, reason = value ? 'signed-in' : 'signed-out') {
  try {
    if (value) window.sessionStorage.setItem(KEY, value);
    else window.sessionStorage.removeItem(KEY);
  } catch {
    fallback = value;
  }
  for (const listener of listeners) listener(reason);
}

/**
 * Called by api.js when the service answered 401 UNAUTHENTICATED to a request that carried `sent` (the
 * token it was sent with, or ''). A refused token is forgotten, unless the user has meanwhile signed in
 * with another. Without a token, the service wants one (it runs with anonymous use off).
 */
export function refused(sent) {
  if (sent && sent === token()) setToken('', 'refused');
  else if (!sent && !token()) for (const listener of listeners) listener('required');
}

/** Calls `listener(reason)` whenever the token changes or the service asks for one; returns an unsubscribe. */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
