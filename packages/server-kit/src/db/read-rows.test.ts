import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineEntity, p, type MikroORM } from '@mikro-orm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { throwawayDatabase } from '../testing/test-database';
import { openDatabase } from './open-database';
import { PortableMigration } from './portable-migration';
import { readRows } from './read-rows';

const ThingSchema = defineEntity({
  name: 'Thing',
  tableName: 'things',
  properties: {
    id: p.string().length(36).primary(),
    tags: p.json<string[]>(),
    done: p.boolean(),
    at: p.datetime(),
    count: p.integer(),
    note: p.text().nullable(),
  },
});
class Thing extends ThingSchema.class {}
ThingSchema.setClass(Thing);

class CreateThings extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      create table "things" ("id" varchar(36) not null primary key, "tags" ${t.json} not null, "done" ${t.bool} not null, "at" ${t.timestamp} not null, "count" integer not null, "note" text null);
    `);
  }
}

const at = new Date('2026-11-22T10:11:12.345Z');

async function check(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  em.create(Thing, { id: 'a', tags: ['x', 'y'], done: true, at, count: 2, note: null });
  em.create(Thing, { id: 'b', tags: [], done: false, at, count: 3, note: 'n' });
  await em.flush();
  const rows = await readRows(orm.em.fork(), Thing, {}, { fields: ['id', 'tags', 'done', 'at', 'count', 'note'], orderBy: { id: 'asc' } });
  expect(rows).toEqual([
    { id: 'a', tags: ['x', 'y'], done: true, at, count: 2, note: null },
    { id: 'b', tags: [], done: false, at, count: 3, note: 'n' },
  ]);
  // The same values the ORM's own entities hold.
  const entities = await orm.em.fork().find(Thing, {}, { orderBy: { id: 'asc' } });
  expect(rows.map((r) => ({ ...r }))).toEqual(entities.map(({ id, tags, done, at: time, count, note }) => ({ id, tags, done, at: time, count, note })));
}

describe('readRows: plain rows with the JS types entities have', () => {
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('on SQLite (JSON as text, booleans as integers underneath)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omt-readrows-'));
    const orm = await openDatabase({ subgraph: 'readrows', entities: [Thing], migrations: [{ name: '0001', class: CreateThings }], dataDir });
    closers.push(async () => {
      await orm.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    await check(orm);
  });

  it('on PostgreSQL', async () => {
    const db = throwawayDatabase('readrows');
    const orm = await openDatabase({ subgraph: 'readrows', entities: [Thing], migrations: [{ name: '0001', class: CreateThings }], databaseUrl: db.url, dataDir: tmpdir() });
    closers.push(async () => {
      await orm.close();
      await db.drop();
    });
    await check(orm);
  });
});
