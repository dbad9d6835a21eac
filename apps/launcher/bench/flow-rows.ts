import pg from 'pg';

/** Counts the live flow rows in the flows subgraph's own database, and how many owners they have. */
export async function countOwnedFlows(adminUrl: string, flowsDatabase: string): Promise<{ rows: number; owners: number }> {
  const url = new URL(adminUrl);
  url.pathname = `/${flowsDatabase}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ rows: string; owners: string }>('select count(*) as rows, count(distinct owner_id) as owners from flows where deleted_at is null');
    return { rows: Number(rows[0]!.rows), owners: Number(rows[0]!.owners) };
  } finally {
    await client.end();
  }
}
