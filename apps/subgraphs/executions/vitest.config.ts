import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One `graphql` for everything, as under Node/tsx: the CommonJS entry that `graphql-ws` and
    // type-graphql load. Vite would otherwise hand our sources the `.mjs` build, a second copy
    // whose `instanceof` checks reject the other's errors (graphql-ws refuses an operation only
    // with its own GraphQLError).
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
});
