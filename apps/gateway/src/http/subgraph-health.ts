import type { WorkerPresence } from './worker-presence';

/** Asks each subgraph's /health/ready; the gateway is ready only when all are. */
export async function subgraphsReady(urls: Record<string, string>, timeoutMs = 2_000): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const response = await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(timeoutMs) });
        void response.body?.cancel(); // only the status matters; frees the connection at once
        return [name, response.ok] as const;
      } catch {
        return [name, false] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

/** The gateway's readiness: every subgraph answers ready, and the expected executions workers are connected. */
export async function platformReady(urls: Record<string, string>, workers: WorkerPresence): Promise<Record<string, boolean>> {
  const [subgraphs, present] = await Promise.all([subgraphsReady(urls), workers.check()]);
  return { ...subgraphs, ...present };
}
