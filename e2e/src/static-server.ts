import { createHttpApp, createLogger } from '@omnitron/server-kit';
import { staticFilesRoute } from '../../apps/gateway/src/http/static-files';

/**
 * Serves a built studio on a free port exactly as the gateway does (the same route: precompressed
 * files, cache headers, index.html for unknown paths), without the rest of the platform.
 */
export async function serveStatic(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = createHttpApp([staticFilesRoute(root)], createLogger('studio-static', 'silent'));
  const port = await app.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
