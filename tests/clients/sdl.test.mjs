// The committed SDL (schema/schema.graphql) is what the running gateway introspects, as
// graphql-js reads both: GraphQL Code Generator and other tools may be pointed at either, and
// must generate the same types. Everything introspection can say is compared: descriptions,
// `@specifiedBy`, deprecations, default values, `@oneOf`, the schema's own description. Both
// are sorted first, so only content, never order or layout, can differ.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { fail, root } from './gateway.mjs';

const OPTIONS = {
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
};

function printed(schema) {
  return printSchema(lexicographicSortSchema(schema));
}

/// The first lines where the two texts differ, for the failure message.
function firstDifference(committed, introspected) {
  const a = committed.split('\n');
  const b = introspected.split('\n');
  const at = a.findIndex((line, i) => line !== b[i]);
  const from = Math.max(0, (at === -1 ? a.length : at) - 3);
  return [
    `first difference at line ${at + 1} of the sorted SDL:`,
    '--- schema/schema.graphql',
    ...a.slice(from, from + 8).map((l) => `  ${l}`),
    '+++ introspection',
    ...b.slice(from, from + 8).map((l) => `  ${l}`),
  ].join('\n');
}

export default [
  {
    name: 'graphql-js: printSchema of the gateway\'s introspection equals the committed schema/schema.graphql',
    timeout: 20_000,
    async run({ gateway }) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query: getIntrospectionQuery(OPTIONS) }),
      });
      const answer = await response.json();
      if (answer.errors) fail(`introspection failed: ${JSON.stringify(answer.errors)}`);
      const introspected = printed(buildClientSchema(answer.data));
      const committed = printed(buildSchema(readFileSync(join(root, 'schema/schema.graphql'), 'utf8')));
      if (committed !== introspected) fail(firstDifference(committed, introspected));
      for (const scalar of ['DateTime', 'Upload']) {
        if (!new RegExp(`scalar ${scalar} @specifiedBy\\(url: "`).test(committed)) fail(`${scalar} has no @specifiedBy`);
      }
    },
  },
];
