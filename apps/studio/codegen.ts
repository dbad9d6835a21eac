import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed documents from the API schema that `scripts/api-schema.ts` derives from the supergraph. */
const config: CodegenConfig = {
  schema: 'src/generated/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/generated/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { JSON: 'unknown', DateTime: 'string' },
        avoidOptionals: { field: true, inputValue: false },
      },
    },
  },
};
export default config;
