// `npm start`'s entry, plain JavaScript: bundles the launcher (src/main.ts) like every platform
// process (see bundle.mjs) and runs the bundle in this same process, so the launcher, a supervisor
// that sits idle once the platform runs, does not carry tsx's loader thread and its transpiled
// module cache for the platform's whole life.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stop } from 'esbuild';
import { bundleEntry } from './bundle.mjs';

const launcherDir = fileURLToPath(new URL('..', import.meta.url));
let bundle;
try {
  bundle = await bundleEntry(launcherDir, 'src/main.ts');
} finally {
  // The launcher starts its own build of the platform's processes and stops the service again.
  await stop();
}
await import(pathToFileURL(bundle).href);
