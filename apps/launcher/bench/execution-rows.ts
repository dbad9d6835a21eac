import pg from 'pg';

/** Counts the ephemeral runs and their node runs in the executions subgraph's own database. */
export async function countEphemeralRuns(adminUrl: string, executionsDatabase: string): Promise<{ runs: number; nodeRuns: number }> {
  const url = new URL(adminUrl);
  url.pathname = `/${executionsDatabase}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ runs: string; node_runs: string }>(
      'select (select count(*) from executions where ephemeral) as runs, (select count(*) from node_runs r join executions e on e.id = r.execution_id where e.ephemeral) as node_runs',
    );
    return { runs: Number(rows[0]!.runs), nodeRuns: Number(rows[0]!.node_runs) };
  } finally {
    await client.end();
  }
}
