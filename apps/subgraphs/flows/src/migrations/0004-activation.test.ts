import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, postgresDatabaseName, sqlRows } from '@omnitron/server-kit';
import { testPostgresUrl, throwawayDatabase } from '@omnitron/server-kit/testing';
import { Flow } from '../entities/flow.entity';
import { FlowVersion } from '../entities/flow-version.entity';
import { PendingFlowChange } from '../entities/pending-flow-change.entity';
import { migrations } from './index';

const entities = [Flow, FlowVersion, PendingFlowChange];
const before0004 = migrations.slice(0, migrations.findIndex((m) => m.name === '0004-activation'));
const node = (id: string, type: string) => ({ id, type, position: { x: 0, y: 0 }, data: {} });

/** Rows as 0003 left them: a webhook flow, a schedule + manual flow, a manual-only flow. */
const legacyFlows = {
  hook: [node('h', 'trigger.webhook'), node('o', 'output')],
  tick: [node('t', 'trigger.schedule'), node('m', 'trigger.manual')],
  manual: [node('m', 'trigger.manual'), node('o', 'output')],
};

async function migrateOver(database: { databaseUrl?: string; dataDir: string }): Promise<Record<string, { active: unknown; trigger_index: string }>> {
  const ids = Object.fromEntries(Object.keys(legacyFlows).map((name) => [name, randomUUID()]));
  const old = await openDatabase({ subgraph: 'flows', entities, migrations: before0004, ...database });
  const now = new Date();
  for (const [name, nodes] of Object.entries(legacyFlows)) {
    await sqlRows(old.em.fork(), `insert into "flows" ("id", "workspace_id", "owner_id", "name", "description", "tags", "nodes", "edges", "version", "valid", "problems", "search_text", "tag_index", "created_at", "updated_at") values (?, ?, ?, ?, '', '[]', ?, '[]', 1, true, '[]', '', '', ?, ?)`, [
      ids[name], randomUUID(), randomUUID(), name, JSON.stringify(nodes), now, now,
    ]);
  }
  await old.close();
  const orm = await openDatabase({ subgraph: 'flows', entities, migrations, ...database });
  try {
    const rows = await sqlRows(orm.em.fork(), `select "id", "active", "trigger_index" from "flows"`, []);
    return Object.fromEntries(Object.entries(ids).map(([name, id]) => {
      const row = rows.find((r) => r.id === id)!;
      return [name, { active: row.active === true || row.active === 1, trigger_index: row.trigger_index as string }];
    }));
  } finally {
    await orm.close();
  }
}

const expected = {
  hook: { active: true, trigger_index: '|webhook|' },
  tick: { active: true, trigger_index: '|manual|schedule|' },
  manual: { active: false, trigger_index: '|manual|' },
};

describe('migration 0004 (activation)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'omt-flows-0004-'));
  const postgres = throwawayDatabase('flows0004');
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await postgres.drop();
  });

  it('keeps flows that already had webhook or schedule triggers active, and derives every trigger index (SQLite)', async () => {
    expect(await migrateOver({ dataDir })).toEqual(expected);
  });

  it('does the same on PostgreSQL', async () => {
    const admin = new pg.Client({ connectionString: testPostgresUrl });
    await admin.connect();
    await admin.query(`create database "${postgresDatabaseName(postgres.url, 'flows')}"`);
    await admin.end();
    expect(await migrateOver({ databaseUrl: postgres.url, dataDir })).toEqual(expected);
  });
});
