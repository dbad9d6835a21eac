import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One `graphql` for everything, as under Node/tsx: the CommonJS entry that `@apollo/*` and
    // `graphql-ws` load. Vite would otherwise hand our sources the `.mjs` build, a second copy
    // whose `instanceof` checks reject the other's schemas and errors.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
