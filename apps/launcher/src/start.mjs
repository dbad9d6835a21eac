// `npm start`'s entry, plain JavaScript: runs the launcher as built by `npm run build`
// (dist/main.js, see build.mjs) in this same process, so the launcher, a supervisor that sits idle
// once the platform runs, carries neither tsx nor esbuild for the platform's whole life. Without
// a build (or with one older than the sources) it says so and what to run, and starts nothing.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILD_HINT, builtPath, staleBuild } from './build.mjs';

const launcher = builtPath(fileURLToPath(new URL('..', import.meta.url)), 'src/main.ts');
const stale = staleBuild(launcher);
if (stale) {
  process.stderr.write(`The launcher's build is missing or out of date: ${stale}.\nTo fix it, ${BUILD_HINT}.\n`);
  process.exit(1);
}
await import(pathToFileURL(launcher).href);
