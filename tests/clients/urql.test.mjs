// urql (`@urql/core`'s `Client` with the exchanges its documentation sets up by default,
// `cacheExchange` and `fetchExchange`, and Node's fetch). urql 6 sends queries as GET by default
// (`preferGetMethod: 'within-url-limit'`) with an `Accept` that lists `text/event-stream` after
// the JSON types; the gateway must answer a query as JSON, with its HTTP caching headers.

import { Client, cacheExchange, fetchExchange, gql } from '@urql/core';
import { fail, recordingFetch } from './gateway.mjs';

const SHOWS = gql`
  query UrqlShows($first: Int!) {
    liveContents(first: $first) { edges { cursor node { id title state scheduledAt } } pageInfo { hasNextPage endCursor } }
  }
`;

function checkAnswer(call, expectedCache) {
  const headers = call.response.headers;
  const type = headers['content-type'] ?? '';
  if (!/^application\/(graphql-response\+json|json)\b/.test(type)) fail(`answered as ${type}, JSON expected`);
  if (!headers.etag) fail(`no ETag: ${JSON.stringify(headers)}`);
  const cacheControl = headers['cache-control'] ?? '';
  if (!/\bpublic\b/.test(cacheControl) || !/\bmax-age=\d+/.test(cacheControl)) fail(`Cache-Control: ${cacheControl}`);
  if (headers['x-cache'] !== expectedCache) fail(`x-cache: ${headers['x-cache']}, ${expectedCache} expected`);
}

export default [
  {
    name: 'urql (default exchanges, GET by default): a query is answered as JSON with ETag, Cache-Control public max-age and x-cache MISS then HIT',
    timeout: 20_000,
    async run({ gateway }) {
      const { fetch, calls } = recordingFetch();
      const client = new Client({ url: gateway.url, exchanges: [cacheExchange, fetchExchange], fetch });
      const first = await client.query(SHOWS, { first: 4 }).toPromise();
      if (first.error) fail(`urql: ${first.error.message}`);
      if (first.data.liveContents.edges.length !== 4) fail(JSON.stringify(first.data));
      if (calls.length !== 1) fail(`one request expected, ${calls.length} made`);
      const [call] = calls;
      if (call.method !== 'GET') fail(`urql's default is GET for a query; it sent ${call.method}`);
      if (!call.headers.accept?.includes('text/event-stream')) fail(`urql's Accept: ${call.headers.accept}`);
      checkAnswer(call, 'MISS');

      // urql's own cache answers a repeat without the network: ask the network again.
      const again = await client.query(SHOWS, { first: 4 }, { requestPolicy: 'network-only' }).toPromise();
      if (again.error) fail(`urql: ${again.error.message}`);
      if (calls.length !== 2) fail(`a second request expected, ${calls.length} made`);
      checkAnswer(calls[1], 'HIT');
      if (calls[1].response.headers.etag !== call.response.headers.etag) fail('the same answer has another ETag');
      if (JSON.stringify(again.data) !== JSON.stringify(first.data)) fail('the cached answer differs');
    },
  },
];
