import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@omnitron/server-kit';
import { throwawayDatabase } from '@omnitron/server-kit/testing';
import { identitySubgraph } from '../definition';
import { Workspace } from '../entities/workspace.entity';
import { migrations } from './index';

const ALICE = '00000000-0000-4000-8000-00000000000a';
const BOB = '00000000-0000-4000-8000-00000000000b';
const CAROL = '00000000-0000-4000-8000-00000000000c';
/** Alice's personal workspace: Carol joined as editor before Alice's owner row, Bob became a second owner later. */
const ALICE_HOME = '00000000-0000-4000-8000-0000000000a1';
/** A personal workspace left with no owner row at all (its owner removed before the rule existed). */
const ORPHAN = '00000000-0000-4000-8000-0000000000b1';
const TEAM = '00000000-0000-4000-8000-0000000000c1';

/** Rows as an install made them before migration 0004, written as SQL since the entities already know the new column. */
function rowsBefore0004(bool: (value: boolean) => string): string[] {
  const at = (minute: number) => `'2024-01-01T00:0${minute}:00.000Z'`;
  const user = (id: string, name: string) => `insert into "users" values ('${id}', '${name}@example.com', '${name}', 'x', ${at(0)})`;
  const workspace = (id: string, personal: boolean) => `insert into "workspaces" values ('${id}', 'w', ${bool(personal)}, ${at(0)})`;
  let memberships = 0;
  const member = (workspaceId: string, userId: string, role: string, minute: number) =>
    `insert into "memberships" values ('00000000-0000-4000-8000-1000000000${String(++memberships).padStart(2, '0')}', '${workspaceId}', '${userId}', '${role}', ${at(minute)})`;
  return [
    user(ALICE, 'alice'),
    user(BOB, 'bob'),
    user(CAROL, 'carol'),
    workspace(ALICE_HOME, true),
    workspace(ORPHAN, true),
    workspace(TEAM, false),
    member(ALICE_HOME, BOB, 'owner', 3),
    member(ALICE_HOME, CAROL, 'editor', 1),
    member(ALICE_HOME, ALICE, 'owner', 2),
    member(ORPHAN, CAROL, 'editor', 1),
    member(TEAM, BOB, 'owner', 1),
  ];
}

async function personalOwners(orm: MikroORM): Promise<Record<string, string | null | undefined>> {
  const workspaces = await orm.em.fork().find(Workspace, {}, { orderBy: { id: 'asc' } });
  return Object.fromEntries(workspaces.map((w) => [w.id, w.personalOwnerId]));
}

/** Opens `database` at migration 0003, writes the old rows, then opens it again with every migration. */
async function upgrade(database: { databaseUrl?: string; dataDir: string }, bool: (value: boolean) => string) {
  const options = { subgraph: 'identity', entities: identitySubgraph.entities, ...database };
  const before = await openDatabase({ ...options, migrations: migrations.slice(0, 3) });
  try {
    const connection = before.em.fork().getConnection();
    for (const sql of rowsBefore0004(bool)) await connection.execute(sql);
  } finally {
    await before.close();
  }
  const after = await openDatabase({ ...options, migrations });
  try {
    return await personalOwners(after);
  } finally {
    await after.close();
  }
}

const backfilled = {
  [ALICE_HOME]: ALICE,
  [ORPHAN]: null,
  [TEAM]: null,
};

describe('migration 0004 (personal workspace owner)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it("backfills each personal workspace's owner from its earliest owner membership on PostgreSQL; shared ones keep none", async () => {
    const db = throwawayDatabase('identity-0004');
    const dataDir = mkdtempSync(join(tmpdir(), 'omt-identity-0004-'));
    cleanups.push(db.drop, () => rmSync(dataDir, { recursive: true, force: true }));
    expect(await upgrade({ databaseUrl: db.url, dataDir }, (value) => String(value))).toEqual(backfilled);
  });

  it('does the same on SQLite, the embedded default', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omt-identity-0004-sqlite-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    expect(await upgrade({ dataDir }, (value) => (value ? '1' : '0'))).toEqual(backfilled);
  });
});
