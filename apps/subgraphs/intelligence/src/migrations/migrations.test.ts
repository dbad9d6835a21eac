import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@omnitron/server-kit';
import { intelligenceSubgraph } from '../definition';

const dataDir = mkdtempSync(join(tmpdir(), 'omt-intelligence-sqlite-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('migrations', () => {
  it('apply on SQLite, the embedded default, as they do on PostgreSQL', async () => {
    const orm = await openDatabase({ subgraph: 'intelligence', entities: intelligenceSubgraph.entities, migrations: intelligenceSubgraph.migrations, dataDir });
    try {
      const tables = await orm.em.fork().getConnection().execute("select name from sqlite_master where type = 'table' order by name");
      expect(tables.map((t: { name: string }) => t.name)).toEqual(
        expect.arrayContaining(['ai_providers', 'ai_routes', 'ai_call_attempts', 'flow_search_documents', 'flow_node_timings']),
      );
    } finally {
      await orm.close();
    }
  });
});
