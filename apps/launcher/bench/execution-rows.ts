import type { BenchDatabase } from './bench-database';

/** Counts the ephemeral runs and their node runs in the executions subgraph's own database. */
export async function countEphemeralRuns(database: BenchDatabase): Promise<{ runs: number; nodeRuns: number }> {
  const counts = await database.counts(
    'executions',
    'select (select count(*) from executions where ephemeral) as runs, (select count(*) from node_runs r join executions e on e.id = r.execution_id where e.ephemeral) as node_runs',
  );
  return { runs: counts.runs!, nodeRuns: counts.node_runs! };
}
