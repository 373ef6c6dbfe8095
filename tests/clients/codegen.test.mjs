// GraphQL Code Generator (client preset) over schema/schema.graphql and the operations in
// codegen/operations, then `tsc --strict --noEmit` over what it generated and codegen/usage.ts
// (code that uses the generated types, with `@ts-expect-error` lines that only type-check if the
// scalars are mapped to real types). Needs no gateway.

import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fail, here } from './gateway.mjs';

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: here, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

const bin = (name) => join(here, 'node_modules', '.bin', name);

export default [
  {
    name: 'GraphQL Code Generator (client preset) generates typed operations and tsc --strict accepts them with usage.ts',
    timeout: 120_000,
    async run({ note }) {
      const generated = join(here, 'codegen', 'generated');
      rmSync(generated, { recursive: true, force: true });
      const codegen = await run(bin('graphql-codegen'), ['--config', 'codegen/codegen.ts', '--silent']);
      if (codegen.code !== 0) fail(`graphql-codegen exited ${codegen.code}:\n${codegen.output}`);
      const types = readFileSync(join(generated, 'graphql.ts'), 'utf8');
      // The client preset writes each scalar's mapping where it is used.
      for (const [scalar, text] of [
        ['DateTime (input)', 'startDate: string;'],
        ['DateTime (output)', 'occurredAt: string,'],
        ['JSON', 'activation: unknown,'],
        ['Upload', 'thumbnail?: File | Blob | null | undefined;'],
      ]) {
        if (!types.includes(text)) fail(`generated/graphql.ts does not map ${scalar} as expected (${text})`);
      }
      if (/:\s*any\b/.test(types)) fail('generated/graphql.ts has an `any` type');
      for (const name of ['LiveContentsPageDocument', 'ShowWithStickersDocument', 'CreateLiveDocument', 'StateChangedDocument']) {
        if (!types.includes(`export const ${name}`)) fail(`no ${name} generated`);
      }
      const tsc = await run(bin('tsc'), ['-p', 'codegen/tsconfig.json', '--strict', '--noEmit']);
      if (tsc.code !== 0) fail(`tsc exited ${tsc.code}:\n${tsc.output}`);
      const version = await run(bin('tsc'), ['--version']);
      note(`${version.output.trim()} accepted the generated code`);
    },
  },
];
