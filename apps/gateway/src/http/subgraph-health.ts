/** Asks each subgraph's /health/ready; the gateway is ready only when all are. */
export async function subgraphsReady(urls: Record<string, string>, timeoutMs = 2_000): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const response = await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(timeoutMs) });
        return [name, response.ok] as const;
      } catch {
        return [name, false] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
