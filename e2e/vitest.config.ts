import { defineConfig } from 'vitest/config';

/** Specs drive real Chromium against the whole running platform, one file at a time. */
export default defineConfig({
  test: {
    include: ['test/**/*.e2e.ts'],
    globalSetup: ['src/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 240_000,
  },
});
