import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Integration files each start a subgraph on PostgreSQL; two at a time suits a 2-core machine.
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
