import { defineConfig } from 'vite';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true }, '/webhooks': 'http://127.0.0.1:4000' } },
  build: { outDir: 'dist', sourcemap: true },
});
