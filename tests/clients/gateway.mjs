// What every client test shares: the demo gateway (started once, on a free loopback port), a
// plain GraphQL call, the LiSA webhook that makes a subscription event, the wait for the gateway
// to count a subscription open, a second origin for the browser test, and small assertions.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');
const gatewayBinary = process.env.GATEWAY_BIN ?? join(root, 'target/debug/live-commerce-gateway');

export function fail(message) {
  throw new Error(message);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/// Resolves with what `promise` resolves, or rejects after `ms` with `what` in the message.
export function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/// A fetch that records every request it makes (method, URL, headers, body) and the response
/// it got (status, headers, and a promise of its text unless it is an event stream); `calls`
/// is the record.
export function recordingFetch() {
  const calls = [];
  const wrapped = async (input, init = {}) => {
    const isRequest = input instanceof Request;
    const call = {
      method: (init.method ?? (isRequest ? input.method : 'GET')).toUpperCase(),
      url: isRequest ? input.url : String(input),
      headers: Object.fromEntries(new Headers(init.headers ?? (isRequest ? input.headers : undefined))),
      body: init.body,
      response: null,
    };
    calls.push(call);
    const response = await fetch(input, init);
    const headers = Object.fromEntries(response.headers);
    // A copy of the body, except for an event stream (it may never end).
    const text = headers['content-type']?.startsWith('text/event-stream') ? null : response.clone().text().catch((e) => `(unreadable: ${e})`);
    call.response = { status: response.status, headers, text };
    return response;
  };
  return { fetch: wrapped, calls };
}

/// The demo gateway, started once for the whole suite.
export class Gateway {
  constructor(child, base, logText, tokens) {
    this.child = child;
    this.base = base;
    this.url = `${base}/graphql`;
    this.wsUrl = `${base.replace(/^http/, 'ws')}/graphql`;
    this.log = logText;
    this.operatorToken = tokens.operatorToken;
    this.webhookToken = tokens.webhookToken;
    this.showsHandedOut = new Set();
  }

  /// Starts `target/debug/live-commerce-gateway` in demo mode; `corsOrigins` becomes
  /// `GATEWAY_CORS_ORIGINS`.
  static start({ corsOrigins } = {}) {
    const tokens = { operatorToken: randomUUID(), webhookToken: randomUUID() };
    const env = {
      ...process.env,
      GATEWAY_LISTEN: '127.0.0.1:0',
      GATEWAY_OPERATOR_TOKEN: tokens.operatorToken,
      GATEWAY_LISA_WEBHOOK_TOKEN: tokens.webhookToken,
      GATEWAY_LOG_FORMAT: 'text',
      NO_COLOR: '1',
      RUST_LOG: 'warn,live_commerce_gateway=info',
    };
    if (corsOrigins) env.GATEWAY_CORS_ORIGINS = corsOrigins;
    const child = spawn(gatewayBinary, [], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the gateway did not start:\n${log}`)), 30_000);
      let started = false;
      const read = (chunk) => {
        log += chunk;
        const url = log.match(/http:\/\/127\.0\.0\.1:\d+(?=\/graphql)/);
        if (url && !started) {
          started = true;
          clearTimeout(timer);
          resolve(new Gateway(child, url[0], () => log, tokens));
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.on('error', (e) => reject(new Error(`the gateway could not run (${gatewayBinary}): ${e.message}`)));
      child.on('exit', (code) => {
        if (!started) reject(new Error(`the gateway exited (${code}):\n${log}`));
      });
    });
  }

  stop() {
    if (this.child.exitCode === null) this.child.kill();
  }

  /// A plain POST; `operator: true` adds the operator token.
  async graphql(query, variables = {}, { operator = false } = {}) {
    const headers = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
    if (operator) headers.authorization = `Bearer ${this.operatorToken}`;
    const response = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return response.json();
  }

  /// Waits (10 s at most) until the gateway's metrics count `count` open subscriptions.
  async subscriptionsOpen(count) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const metrics = await (await fetch(`${this.base}/metrics`)).text();
      if (metrics.split('\n').includes(`gateway_subscriptions_open ${count}`)) return;
      if (Date.now() > deadline) {
        const line = metrics.split('\n').find((l) => l.startsWith('gateway_subscriptions_open '));
        fail(`${count} open subscriptions expected, the metrics say: ${line}`);
      }
      await sleep(25);
    }
  }

  /// A LiSA show no other test of this run has used (so the gateway's "announced once"
  /// memory of one test cannot swallow another's event): `{ id, providerId, state }`.
  async takeShow() {
    const answer = await this.graphql(
      '{ liveContents(first: 30, filter: {provider: LISA}) { edges { node { id providerId state } } } }',
    );
    if (answer.errors) fail(`listing LiSA shows: ${JSON.stringify(answer.errors)}`);
    const show = answer.data.liveContents.edges.map((e) => e.node).find((s) => !this.showsHandedOut.has(s.id));
    if (!show) fail('no LiSA show left for a subscription test');
    this.showsHandedOut.add(show.id);
    return show;
  }

  /// Sends the LiSA webhook that changes `show`'s state: `Show:stop` when it is live now,
  /// `Show:start` otherwise; resolves with the state the event should announce.
  async changeState(show) {
    const answer = await this.graphql('query($id: ID!) { liveContent(id: $id) { state } }', { id: show.id });
    const live = answer.data?.liveContent?.state === 'LIVE';
    await this.webhook(live ? 'Show:stop' : 'Show:start', show.providerId);
    return live ? 'ENDED' : 'LIVE';
  }

  async webhook(eventType, providerId, changes = {}) {
    const body = {
      id: randomUUID(),
      client: 'clients-test',
      eventType,
      eventDate: new Date().toISOString(),
      data: { id: providerId },
      changes,
    };
    const response = await fetch(`${this.base}/internal/webhooks/lisa`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.webhookToken}` },
      body: JSON.stringify(body),
    });
    if (response.status !== 204) fail(`the webhook got ${response.status}: ${await response.text()}`);
  }
}

/// The subscription every transport test runs, for one show.
export const STATE_CHANGED = `subscription StateChanged($ids: [ID!]) {
  liveContentStateChanged(ids: $ids) { state previousState source occurredAt liveContent { id provider } }
}`;

/// Checks one `liveContentStateChanged` result against the show and the state expected.
export function checkStateEvent(result, show, expected) {
  if (result.errors) fail(`the event carries errors: ${JSON.stringify(result.errors)}`);
  const event = result.data?.liveContentStateChanged;
  if (!event) fail(`no event in ${JSON.stringify(result)}`);
  if (event.liveContent.id !== show.id) fail(`an event for another show: ${JSON.stringify(event)}`);
  if (event.source !== 'WEBHOOK') fail(`source ${event.source}, WEBHOOK expected`);
  if (event.state !== expected) fail(`state ${event.state}, ${expected} expected: ${JSON.stringify(event)}`);
  if (Number.isNaN(Date.parse(event.occurredAt))) fail(`occurredAt is not a date: ${event.occurredAt}`);
  return event;
}

/// A tiny HTTP server on a free loopback port serving `pages` (path → HTML): the browser test's
/// second origin. Resolves with `{ origin, port, close() }`.
export function startPageServer(pages) {
  const server = createServer((request, response) => {
    const page = pages[new URL(request.url, 'http://x').pathname];
    if (page === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        port,
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(done)),
        closeAll: () => server.closeAllConnections(),
      });
    });
  });
}

/// Subscribes to a show's state changes through `client` (graphql-ws's or graphql-sse's: both
/// subscribe with a sink and return a function that stops), makes the webhook change it, checks
/// the event, and unsubscribes.
export async function subscriptionEvent(gateway, client) {
  const show = await gateway.takeShow();
  let stop = () => {};
  try {
    await gateway.subscriptionsOpen(0);
    const first = new Promise((resolve, reject) => {
      stop = client.subscribe(
        { query: STATE_CHANGED, variables: { ids: [show.id] } },
        {
          next: resolve,
          error: (error) => reject(error instanceof Error ? error : new Error(`subscription error: ${JSON.stringify(error)}`)),
          complete: () => reject(new Error('the subscription completed before any event')),
        },
      );
    });
    // A failure to subscribe (a refused request) rejects `first`: report that, not the wait.
    await Promise.race([gateway.subscriptionsOpen(1), first]);
    const expected = await gateway.changeState(show);
    checkStateEvent(await within(10_000, 'the event', first), show, expected);
  } finally {
    stop();
  }
}
