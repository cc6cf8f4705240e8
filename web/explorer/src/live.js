// Live updates: the explorer subscribes to graphChanged over WebSocket (graphql-ws) and redraws when a
// change touches the stakeholders or ties, whoever made it. The token the user signed in with goes in the
// connection_init payload, as browsers cannot send headers on a WebSocket; signing in or out reconnects.

import { createClient } from 'graphql-ws';
import { ENDPOINT } from './api.js';
import * as credentials from './credentials.js';

const SUBSCRIPTION = `subscription ExplorerLive {
  graphChanged { seq stakeholders { slug kind } ties { key kind } }
}`;

// graphql-ws leaves the promise of a socket closed before it was acknowledged (a refused token, a
// service restarting) without a handler; the close is handled through the subscription's error sink, so
// the stray rejection is not an error of the page.
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof CloseEvent) event.preventDefault();
});

/** Calls onChange with each change pushed, at most once per `settle` ms (a burst of changes redraws once). */
export function watchGraph(onChange, { settle = 400 } = {}) {
  const url = new URL(ENDPOINT, window.location.href).href.replace(/^http/, 'ws');
  let client = null;
  let timer = null;
  let pending = [];
  const deliver = () => {
    timer = null;
    const batch = pending;
    pending = [];
    onChange(batch);
  };
  const connect = () => {
    client?.dispose();
    client = createClient({
      url,
      // Connected while subscribed, which is always; a connection refused for its token ends the
      // subscription (the error sink below) until the user signs in or out, which connects again.
      retryAttempts: Infinity,
      shouldRetry: () => true,
      connectionParams: () => {
        const token = credentials.token();
        return token ? { Authorization: `Bearer ${token}` } : {};
      },
    });
    client.subscribe(
      { query: SUBSCRIPTION },
      {
        next: ({ data }) => {
          if (!data?.graphChanged) return;
          pending.push(data.graphChanged);
          timer ??= setTimeout(deliver, settle);
        },
        error: () => {}, // refused for the token: the drawing stays until the credentials change
        complete: () => {},
      },
    );
  };
  connect();
  credentials.subscribe((reason) => {
    if (reason !== 'required') connect();
  });
  return () => client?.dispose();
}
