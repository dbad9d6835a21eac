import { defineConfig } from 'vite';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true }, '/webhooks': 'http://127.0.0.1:4000' } },
  // elkjs (~450 KB gzip) is its own chunk, loaded only when the user asks for an auto-layout.
  build: { outDir: 'dist', sourcemap: true, manifest: true, chunkSizeWarningLimit: 1600 },
});
