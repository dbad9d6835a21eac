// `npm start`'s entry, plain JavaScript: runs the launcher as built by `npm run build`
// (dist/main.js, see build.mjs) in this same process, so the launcher, a supervisor that sits idle
// once the platform runs, carries neither tsx nor esbuild for the platform's whole life. Without
// a build (or with one older than the sources) it says so and what to run, and starts nothing.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { BUILD_HINT, builtPath, staleBuild } from './build.mjs';

// The launcher starts, watches and restarts processes: nothing it runs is ever hot. V8's compilers
// (Sparkplug, Maglev, TurboFan) would only add their code, and the pages of the node binary they
// run from, to its resident memory (bench README, "The launcher without V8's compilers"). Set
// here, before any of the launcher's code runs, whether it was started by `npm start` or directly.
setFlagsFromString('--no-sparkplug --no-maglev --no-turbofan');

const launcher = builtPath(fileURLToPath(new URL('..', import.meta.url)), 'src/main.ts');
const stale = staleBuild(launcher);
if (stale) {
  process.stderr.write(`The launcher's build is missing or out of date: ${stale}.\nTo fix it, ${BUILD_HINT}.\n`);
  process.exit(1);
}
await import(pathToFileURL(launcher).href);
