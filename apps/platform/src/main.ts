import { onShutdown, runMain } from '@omnitron/server-kit';
import { startPlatform } from './platform-host';
import { parseRoles, rolesArgument } from './roles';

/**
 * One platform process hosting the roles named by `--roles` (default `all`): e.g.
 * `node dist/main.js --roles all-api` (built by `npm run build`) is what `npm start` runs next to its workers.
 */
await runMain(async () => {
  const roles = parseRoles(rolesArgument(process.argv.slice(2)));
  const host = await startPlatform(roles);
  // Runs in progress get the worker's grace period to finish.
  onShutdown(host.log, () => host.close(), roles.has('worker') ? 30_000 : 10_000);
});
