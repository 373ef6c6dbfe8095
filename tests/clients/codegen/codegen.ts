// GraphQL Code Generator's client preset over the gateway's schema and the operations in
// operations/. Run from tests/clients (the paths are relative to it):
//   npx graphql-codegen --config codegen/codegen.ts
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  overwrite: true,
  schema: '../../schema/schema.graphql',
  documents: 'codegen/operations/*.graphql',
  generates: {
    'codegen/generated/': {
      preset: 'client',
      config: {
        // Every custom scalar must be mapped: none falls back to `any`.
        strictScalars: true,
        scalars: {
          // RFC 3339 text, e.g. "2031-05-01T18:00:00Z", both ways.
          DateTime: 'string',
          // Any JSON value: narrow it before use.
          JSON: 'unknown',
          // Input only: a file of the multipart request.
          Upload: 'File | Blob',
        },
        useTypeImports: true,
      },
    },
  },
};

export default config;
