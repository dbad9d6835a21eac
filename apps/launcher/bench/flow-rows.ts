import type { BenchDatabase } from './bench-database';

/** Counts the live flow rows in the flows subgraph's own database, and how many owners they have. */
export async function countOwnedFlows(database: BenchDatabase): Promise<{ rows: number; owners: number }> {
  const counts = await database.counts('flows', 'select count(*) as "rows", count(distinct owner_id) as owners from flows where deleted_at is null');
  return { rows: counts.rows!, owners: counts.owners! };
}
