// `npm start`'s entry, plain JavaScript: bundles the launcher (src/main.ts) like every platform
// process (see bundle.mjs) and runs the bundle in this same process, so the launcher, a supervisor
// that sits idle once the platform runs, does not carry tsx's loader thread and its transpiled
// module cache for the platform's whole life.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleApart } from './bundle.mjs';

const [bundle] = await bundleApart([{ cwd: fileURLToPath(new URL('..', import.meta.url)), entry: 'src/main.ts' }]);
await import(pathToFileURL(bundle).href);
