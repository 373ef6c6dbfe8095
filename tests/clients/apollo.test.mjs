// Apollo Client (4, `HttpLink` over Node's fetch):
// - automatic persisted queries over GET (`PersistedQueryLink` with `useGETForHashedQueries`):
//   the hash alone misses, the query sent with it registers it, and a repeat of the hash alone
//   is a response-cache hit with its HTTP caching headers;
// - an operator mutation with `Authorization: Bearer <token>` (and without: UNAUTHENTICATED);
// - apollo-upload-client (`UploadHttpLink`, what `createUploadLink` became in its version 19):
//   one `File` in two variables of one mutation, each of which receives it.

import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import UploadHttpLink from 'apollo-upload-client/UploadHttpLink.mjs';
import { fail, recordingFetch } from './gateway.mjs';

/// The smallest valid PNG: one transparent pixel.
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

const APQ_SHOWS = gql`
  query ApolloPersistedShows($first: Int!) {
    liveContents(first: $first, filter: {provider: LISA}) { edges { node { id title state channel { slug } } } }
  }
`;

function errorCodes(error) {
  return (error?.errors ?? []).map((e) => e.extensions?.code);
}

export default [
  {
    name: 'Apollo Client, persisted queries over GET: a miss, registered by the retry, then a repeat of the hash alone is a HIT with Cache-Control, ETag and x-cache',
    timeout: 20_000,
    async run({ gateway }) {
      const { fetch, calls } = recordingFetch();
      const link = new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(
        new HttpLink({ uri: gateway.url, fetch }),
      );
      const client = new ApolloClient({ link, cache: new InMemoryCache() });
      const first = await client.query({ query: APQ_SHOWS, variables: { first: 3 }, fetchPolicy: 'network-only' });
      if (first.error) fail(first.error.message);
      if (first.data.liveContents.edges.length !== 3) fail(JSON.stringify(first.data));
      const summary = () => calls.map((c) => `${c.method} ${c.response?.status} x-cache=${c.response?.headers['x-cache']}`).join('; ');
      if (calls.length !== 2) fail(`a miss and a registration expected: ${summary()}`);
      const [miss, register] = calls;
      const missUrl = new URL(miss.url);
      if (miss.method !== 'GET' || missUrl.searchParams.has('query')) fail(`the hash alone over GET expected: ${miss.method} ${miss.url}`);
      const hash = JSON.parse(missUrl.searchParams.get('extensions')).persistedQuery.sha256Hash;
      const missed = JSON.parse(await miss.response.text);
      if (missed.errors?.[0]?.extensions?.code !== 'PERSISTED_QUERY_NOT_FOUND') fail(`the miss answered ${JSON.stringify(missed)}`);
      if (!/^[0-9a-f]{64}$/.test(hash)) fail(`hash ${hash}`);
      const registered = JSON.parse(register.body);
      if (!registered.query || registered.extensions.persistedQuery.sha256Hash !== hash) fail(`registration: ${register.body}`);
      if (sha256(registered.query) !== hash) fail('the hash is not the SHA-256 of the query sent');

      const repeat = await client.query({ query: APQ_SHOWS, variables: { first: 3 }, fetchPolicy: 'network-only' });
      if (repeat.error) fail(repeat.error.message);
      if (calls.length !== 3) fail(`one request for the repeat expected: ${summary()}`);
      const hit = calls[2];
      const hitUrl = new URL(hit.url);
      if (hit.method !== 'GET' || hitUrl.searchParams.has('query')) fail(`the repeat should be the hash alone over GET: ${hit.method} ${hit.url}`);
      const headers = hit.response.headers;
      if (hit.response.status !== 200) fail(`the repeat got ${hit.response.status}`);
      if (headers['x-cache'] !== 'HIT') fail(`x-cache: ${headers['x-cache']} (${summary()})`);
      if (!headers.etag) fail('no ETag on the repeat');
      if (!/\bpublic\b/.test(headers['cache-control'] ?? '') || !/\bmax-age=\d+/.test(headers['cache-control'])) {
        fail(`Cache-Control: ${headers['cache-control']}`);
      }
      if (JSON.stringify(repeat.data) !== JSON.stringify(first.data)) fail('the repeat answered other data');
    },
  },
  {
    name: 'Apollo Client: an operator mutation with Authorization: Bearer succeeds (and is UNAUTHENTICATED without)',
    timeout: 20_000,
    async run({ gateway }) {
      const mutation = gql`
        mutation ApolloCreateLive($input: LiveInput!) {
          createLive(input: $input) { id provider title state scheduledAt }
        }
      `;
      const input = { name: 'Apollo client test', startDate: '2031-05-01T18:00:00Z', tags: ['clients-test'] };
      const anonymous = new ApolloClient({ link: new HttpLink({ uri: gateway.url }), cache: new InMemoryCache() });
      let refusal;
      try {
        await anonymous.mutate({ mutation, variables: { input } });
      } catch (error) {
        refusal = error;
      }
      if (!errorCodes(refusal).includes('UNAUTHENTICATED')) fail(`UNAUTHENTICATED expected without the token: ${refusal}`);

      const operator = new ApolloClient({
        link: new HttpLink({ uri: gateway.url, headers: { Authorization: `Bearer ${gateway.operatorToken}` } }),
        cache: new InMemoryCache(),
      });
      const { data, error } = await operator.mutate({ mutation, variables: { input } });
      if (error) fail(error.message);
      const live = data.createLive;
      if (live.provider !== 'CAAST' || live.title !== input.name || !live.id) fail(JSON.stringify(live));
      if (Date.parse(live.scheduledAt) !== Date.parse(input.startDate)) fail(`scheduledAt ${live.scheduledAt}`);
    },
  },
  {
    name: 'apollo-upload-client: one File used for two Upload variables of one mutation fills both (thumbnail and portrait thumbnail)',
    timeout: 20_000,
    async run({ gateway }) {
      const { fetch, calls } = recordingFetch();
      const client = new ApolloClient({
        link: new UploadHttpLink({
          uri: gateway.url,
          fetch,
          headers: { Authorization: `Bearer ${gateway.operatorToken}`, 'Apollo-Require-Preflight': 'true' },
        }),
        cache: new InMemoryCache(),
      });
      const mutation = gql`
        mutation ApolloCreateLiveWithCovers($name: String!, $start: DateTime!, $cover: Upload, $portrait: Upload) {
          createLive(input: {name: $name, startDate: $start, thumbnail: $cover, portraitThumbnail: $portrait}) {
            id title thumbnailUrl portraitThumbnailUrl
          }
        }
      `;
      const file = new File([PNG], 'cover.png', { type: 'image/png' });
      const { data, error } = await client.mutate({
        mutation,
        variables: { name: 'Uploaded covers', start: '2031-05-02T18:00:00Z', cover: file, portrait: file },
      });
      if (error) fail(error.message);

      if (calls.length !== 1 || !(calls[0].body instanceof FormData)) fail('one multipart request expected');
      const form = calls[0].body;
      const map = JSON.parse(form.get('map'));
      const paths = Object.values(map);
      if (paths.length !== 1 || JSON.stringify(paths[0]) !== '["variables.cover","variables.portrait"]') {
        fail(`one file at two paths expected in the map: ${form.get('map')}`);
      }
      const live = data.createLive;
      if (live.title !== 'Uploaded covers') fail(JSON.stringify(live));
      if (typeof live.thumbnailUrl !== 'string' || !live.thumbnailUrl) fail(`no thumbnail: ${JSON.stringify(live)}`);
      if (typeof live.portraitThumbnailUrl !== 'string' || !live.portraitThumbnailUrl) {
        fail(`no portrait thumbnail: ${JSON.stringify(live)}`);
      }
      if (live.thumbnailUrl === live.portraitThumbnailUrl) fail(`one picture for both: ${JSON.stringify(live)}`);
    },
  },
];
