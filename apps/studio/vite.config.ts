import { defineConfig } from 'vite';
import { precompress } from './scripts/precompress';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true }, '/webhooks': 'http://127.0.0.1:4000' } },
  // The manifest lets e2e/bench measure JS per route; elkjs runs as a worker asset, loaded on first auto-layout.
  build: { outDir: 'dist', sourcemap: true, manifest: true },
  // `.br` and `.gz` beside each asset, which the gateway serves to browsers that accept them.
  plugins: [precompress()],
});
