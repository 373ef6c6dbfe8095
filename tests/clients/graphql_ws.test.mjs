// graphql-ws's own client (`createClient`, with `ws` as the WebSocket) against the gateway's
// `graphql-transport-ws`: lazy mode, where each operation opens a connection and closes it with
// 1000 when done; a subscription; the operator token in `connectionParams`; a clean close.

import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { fail, subscriptionEvent, within } from './gateway.mjs';

const PAGE = '{ liveContents(first: 3) { edges { cursor node { id title provider state } } } }';

/// A lazy client (the default) that may not retry: a close other than 1000 (such as 1006, when
/// the server drops the socket instead of answering the closing handshake) fails the operation
/// instead of being retried after a back-off. Records its connection events.
function wsClient(gateway, options = {}) {
  const events = { connecting: [], connected: [], closed: [] };
  const client = createClient({
    url: gateway.wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    ...options,
    on: {
      connecting: (isRetry) => events.connecting.push({ isRetry }),
      connected: (_socket, _payload, wasRetry) => events.connected.push({ wasRetry }),
      closed: (event) => events.closed.push({ code: event.code, reason: String(event.reason), wasClean: event.wasClean }),
    },
  });
  return { client, events };
}

/// One query (or any single-result operation) through `client`; rejects on an error result.
function execute(client, payload) {
  return new Promise((resolve, reject) => {
    let result;
    client.subscribe(payload, {
      next: (value) => (result = value),
      error: (error) => reject(error instanceof Error ? error : new Error(`operation failed: ${JSON.stringify(error)}`)),
      complete: () => (result ? resolve(result) : reject(new Error('completed without a result'))),
    });
  });
}

async function waitFor(condition, what, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) fail(`${what} (waited ${ms} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export default [
  {
    name: 'graphql-ws (lazy, retryAttempts 0): three queries in a row, three connections each closed with 1000, no retry, no back-off',
    timeout: 20_000,
    async run({ gateway, note }) {
      // The same document over HTTP first, so the timing below measures the connections, not
      // a cold provider cache.
      const warm = await gateway.graphql(PAGE);
      if (warm.errors) fail(`warm-up: ${JSON.stringify(warm.errors)}`);
      const { client, events } = wsClient(gateway);
      try {
        const started = performance.now();
        for (let i = 0; i < 3; i++) {
          const result = await execute(client, { query: PAGE });
          if (result.errors) fail(`query ${i + 1}: ${JSON.stringify(result.errors)}`);
          if (result.data.liveContents.edges.length !== 3) fail(`query ${i + 1}: ${JSON.stringify(result.data)}`);
        }
        const elapsed = performance.now() - started;
        await waitFor(() => events.closed.length >= 3, `3 closed events expected, got ${JSON.stringify(events.closed)}`);
        note(`3 lazy queries took ${elapsed.toFixed(0)} ms`);
        if (events.connecting.length !== 3 || events.connecting.some((e) => e.isRetry)) {
          fail(`3 first-try connections expected: ${JSON.stringify(events.connecting)}`);
        }
        if (events.connected.length !== 3 || events.connected.some((e) => e.wasRetry)) {
          fail(`3 acknowledged connections, none a retry, expected: ${JSON.stringify(events.connected)}`);
        }
        if (events.closed.length !== 3 || events.closed.some((e) => e.code !== 1000)) {
          fail(`3 closes with code 1000 expected: ${JSON.stringify(events.closed)}`);
        }
        // The bug this guards against: the server dropped the socket (1006), graphql-ws took it
        // for a lost connection and waited 1 s + 0.3–3 s before the next connection (~1.7 s).
        if (elapsed >= 1000) fail(`3 lazy queries took ${elapsed.toFixed(0)} ms (1000 ms at most)`);
      } finally {
        await client.dispose();
      }
    },
  },
  {
    name: "graphql-ws: a subscription receives the webhook's liveContentStateChanged event",
    timeout: 20_000,
    async run({ gateway }) {
      const { client, events } = wsClient(gateway);
      try {
        await subscriptionEvent(gateway, client);
        if (events.connected.length !== 1) fail(`one connection expected: ${JSON.stringify(events)}`);
      } finally {
        await client.dispose();
      }
    },
  },
  {
    name: "graphql-ws: a subscription receives a Show:update webhook as liveContentChanged, with the fields it changed",
    timeout: 20_000,
    async run({ gateway }) {
      const { client } = wsClient(gateway);
      const show = await gateway.takeShow();
      const query = `subscription Changed($ids: [ID!]) {
        liveContentChanged(ids: $ids) { liveContentId change changedFields source liveContent { id } }
      }`;
      let stop = () => {};
      try {
        await gateway.subscriptionsOpen(0);
        const first = new Promise((resolve, reject) => {
          stop = client.subscribe(
            { query, variables: { ids: [show.id] } },
            {
              next: resolve,
              error: (error) => reject(error instanceof Error ? error : new Error(`subscription error: ${JSON.stringify(error)}`)),
              complete: () => reject(new Error('the subscription completed before any event')),
            },
          );
        });
        await Promise.race([gateway.subscriptionsOpen(1), first]);
        await gateway.webhook('Show:update', show.providerId, { title: { '*': 'Renamed' } });
        const result = await within(10_000, 'the event', first);
        if (result.errors) fail(`the event carries errors: ${JSON.stringify(result.errors)}`);
        const event = result.data?.liveContentChanged ?? fail(`no event in ${JSON.stringify(result)}`);
        const expected = { liveContentId: show.id, change: 'UPDATED', changedFields: ['title'], source: 'WEBHOOK', liveContent: { id: show.id } };
        if (JSON.stringify(event) !== JSON.stringify(expected)) {
          fail(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(event)}`);
        }
      } finally {
        stop();
        await client.dispose();
      }
    },
  },
  {
    name: 'graphql-ws: the operator token in connectionParams unlocks streamCredentials (and its absence does not)',
    timeout: 20_000,
    async run({ gateway }) {
      const query = '{ liveContents(first: 2, filter: {provider: CAAST}) { edges { node { id streamCredentials { rtmpUrl streamKey } } } } }';
      const operator = wsClient(gateway, { connectionParams: { Authorization: `Bearer ${gateway.operatorToken}` } });
      const anonymous = wsClient(gateway);
      try {
        const result = await execute(operator.client, { query });
        if (result.errors) fail(`the operator got errors: ${JSON.stringify(result.errors)}`);
        const nodes = result.data.liveContents.edges.map((e) => e.node);
        if (!nodes.length) fail('no Caast live listed');
        for (const node of nodes) {
          const keys = node.streamCredentials ?? fail(`no credentials for ${node.id}`);
          if (!keys.length || keys.some((k) => typeof k.streamKey !== 'string' || !k.streamKey)) {
            fail(`no stream key for ${node.id}: ${JSON.stringify(keys)}`);
          }
        }
        const refused = await execute(anonymous.client, { query });
        const codes = (refused.errors ?? []).map((e) => e.extensions?.code);
        if (!codes.length || codes.some((c) => c !== 'UNAUTHENTICATED')) {
          fail(`without the token UNAUTHENTICATED expected: ${JSON.stringify(refused)}`);
        }
      } finally {
        await operator.client.dispose();
        await anonymous.client.dispose();
      }
    },
  },
  {
    name: "graphql-ws: disposing the client closes the connection cleanly, its closed event has code 1000",
    timeout: 20_000,
    async run({ gateway }) {
      // Not lazy: the connection stays open until the client is disposed.
      const { client, events } = wsClient(gateway, { lazy: false, onNonLazyError: () => {} });
      const closed = new Promise((resolve) => client.on('closed', resolve));
      await within(5000, 'the connection', new Promise((resolve) => client.on('connected', resolve)));
      const result = await execute(client, { query: '{ liveContents(first: 1) { edges { node { id } } } }' });
      if (result.errors) fail(JSON.stringify(result.errors));
      await client.dispose();
      const event = await within(5000, 'the closed event', closed);
      if (event.code !== 1000) fail(`closed with ${event.code} (${event.reason}), 1000 expected`);
      if (event.wasClean !== true) fail('the close was not clean (no closing handshake)');
      if (events.connected.length !== 1) fail(`one connection expected: ${JSON.stringify(events)}`);
    },
  },
];
