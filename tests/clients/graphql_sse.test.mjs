// graphql-sse's own client (`createClient`) in both of its modes, each receiving a
// subscription event:
// - distinct connections (`singleConnection: false`): one POST accepting `text/event-stream`
//   per operation, its results streamed back on it;
// - single connection (`singleConnection: true`): a `PUT` reserves a stream (201 and a token),
//   a `GET` with the token in `X-GraphQL-Event-Stream-Token` opens it, each operation is a `POST`
//   with the token answered `202` (its results come on the stream, tagged with the operation
//   id sent in `extensions.operationId`), and a `DELETE ?operationId=` (200) stops one.

import { createClient } from 'graphql-sse';
import { fail, recordingFetch, subscriptionEvent, within } from './gateway.mjs';

const TOKEN_HEADER = 'x-graphql-event-stream-token';

export default [
  {
    name: 'graphql-sse, distinct connections: a subscription over its own event stream receives the event',
    timeout: 20_000,
    async run({ gateway }) {
      const { fetch, calls } = recordingFetch();
      const client = createClient({ url: gateway.url, singleConnection: false, retryAttempts: 0, fetchFn: fetch });
      try {
        await subscriptionEvent(gateway, client);
        if (calls.length !== 1) fail(`one request expected: ${JSON.stringify(calls.map((c) => c.method))}`);
        const [call] = calls;
        if (call.method !== 'POST') fail(`a POST expected, got ${call.method}`);
        if (call.headers.accept !== 'text/event-stream') fail(`accept: ${call.headers.accept}`);
        if (call.response.status !== 200) fail(`status ${call.response.status}`);
        if (!call.response.headers['content-type']?.startsWith('text/event-stream')) {
          fail(`content-type: ${call.response.headers['content-type']}`);
        }
      } finally {
        client.dispose();
      }
    },
  },
  {
    name: 'graphql-sse, single connection: PUT reservation (201), GET stream, POST with X-GraphQL-Event-Stream-Token (202), the event arrives on the stream, DELETE stops it (200)',
    timeout: 20_000,
    async run({ gateway }) {
      const { fetch, calls } = recordingFetch();
      const client = createClient({ url: gateway.url, singleConnection: true, retryAttempts: 0, fetchFn: fetch });
      try {
        await subscriptionEvent(gateway, client);
        // Unsubscribing sends the DELETE; wait for its answer.
        await within(5000, 'the DELETE', (async () => {
          while (!calls.some((c) => c.method === 'DELETE' && c.response)) await new Promise((r) => setTimeout(r, 10));
        })());
        const summary = calls.map((c) => `${c.method} ${c.response?.status}`);
        const [put, get, post, del] = calls;
        if (calls.length !== 4) fail(`PUT, GET, POST, DELETE expected: ${summary.join(', ')}`);
        if (put.method !== 'PUT' || put.response.status !== 201) fail(`the reservation: ${summary[0]}`);
        const token = get.headers[TOKEN_HEADER];
        if (!token) fail('the stream was opened without the reservation token');
        if (get.method !== 'GET' || get.response.status !== 200) fail(`the stream: ${summary[1]}`);
        if (!get.response.headers['content-type']?.startsWith('text/event-stream')) {
          fail(`the stream's content-type: ${get.response.headers['content-type']}`);
        }
        if (post.method !== 'POST' || post.response.status !== 202) fail(`the operation: ${summary[2]}`);
        if (post.headers[TOKEN_HEADER] !== token) fail('the operation did not carry the token');
        const body = JSON.parse(post.body);
        if (!body.extensions?.operationId) fail(`no operationId in ${post.body}`);
        if (del.method !== 'DELETE' || del.response.status !== 200) fail(`the stop: ${summary[3]}`);
        if (!del.url.endsWith(`?operationId=${body.extensions.operationId}`)) fail(`DELETE ${del.url}`);
        if (del.headers[TOKEN_HEADER] !== token) fail('the stop did not carry the token');
        await gateway.subscriptionsOpen(0);
      } finally {
        client.dispose();
      }
    },
  },
];
