import { join } from 'node:path';
import { bundleApart } from './bundle.mjs';
import type { PlatformProcess } from './processes';

/**
 * The process's entry bundled with the workspace modules it imports (`bundleEntry`), so the
 * process runs on plain `node` instead of transpiling each module with tsx as it loads: less
 * memory per process and a faster start.
 */
export async function precompile(spec: PlatformProcess): Promise<PlatformProcess> {
  const [entry] = await bundleApart([{ cwd: spec.cwd, entry: spec.entry }]);
  return { ...spec, entry: entry!, transpile: false };
}

/**
 * Each process's entry bundled once (workers share theirs), side by side in one short-lived child
 * process (`bundleApart`), so neither esbuild nor the bundles' bytes stay in the launcher.
 */
export async function precompileAll(specs: readonly PlatformProcess[]): Promise<PlatformProcess[]> {
  const entries = [...new Map(specs.map((spec) => [join(spec.cwd, spec.entry), { cwd: spec.cwd, entry: spec.entry }])).values()];
  const bundles = await bundleApart(entries);
  const bundleOf = new Map(entries.map((job, i) => [join(job.cwd, job.entry), bundles[i]!]));
  return specs.map((spec) => ({ ...spec, entry: bundleOf.get(join(spec.cwd, spec.entry))!, transpile: false }));
}
