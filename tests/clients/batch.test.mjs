// Apollo Client's `BatchHttpLink`: two operations issued together leave as ONE request (a JSON
// array body), answered with a JSON array of both results, in order.

import { deepStrictEqual } from 'node:assert/strict';
import { ApolloClient, InMemoryCache, gql } from '@apollo/client';
import { BatchHttpLink } from '@apollo/client/link/batch-http';
import { fail, recordingFetch } from './gateway.mjs';

const SHOWS = gql`
  query BatchedShows($first: Int!) { liveContents(first: $first) { edges { node { id title provider } } } }
`;
const CHANNELS = gql`
  query BatchedChannels($first: Int!) { channels(first: $first) { edges { node { id slug name } } } }
`;

export default [
  {
    name: 'Apollo BatchHttpLink: two queries go out in ONE HTTP request and both results are right',
    timeout: 20_000,
    async run({ gateway }) {
      const { fetch, calls } = recordingFetch();
      const client = new ApolloClient({
        link: new BatchHttpLink({ uri: gateway.url, fetch, batchMax: 10, batchInterval: 20 }),
        cache: new InMemoryCache(),
      });
      const [shows, channels] = await Promise.all([
        client.query({ query: SHOWS, variables: { first: 3 } }),
        client.query({ query: CHANNELS, variables: { first: 2 } }),
      ]);
      if (calls.length !== 1) fail(`one HTTP request expected, ${calls.length} made`);
      const sent = JSON.parse(calls[0].body);
      if (!Array.isArray(sent) || sent.length !== 2) fail(`a JSON array of two operations expected: ${calls[0].body}`);
      if (calls[0].response.status !== 200) fail(`the batch got ${calls[0].response.status}`);

      // The same operations one at a time, as the reference.
      const strip = (value) => JSON.parse(JSON.stringify(value, (k, v) => (k === '__typename' ? undefined : v)));
      const alone = async (query, variables) => {
        const answer = await gateway.graphql(query, variables);
        if (answer.errors) fail(JSON.stringify(answer.errors));
        return answer.data;
      };
      const expectedShows = await alone('query($first: Int!) { liveContents(first: $first) { edges { node { id title provider } } } }', { first: 3 });
      const expectedChannels = await alone('query($first: Int!) { channels(first: $first) { edges { node { id slug name } } } }', { first: 2 });
      if (shows.error || channels.error) fail(`${shows.error ?? channels.error}`);
      deepStrictEqual(strip(shows.data), expectedShows, 'the batched shows differ from the same query alone');
      deepStrictEqual(strip(channels.data), expectedChannels, 'the batched channels differ from the same query alone');
      if (shows.data.liveContents.edges.length !== 3 || channels.data.channels.edges.length !== 2) fail('short results');
    },
  },
];
