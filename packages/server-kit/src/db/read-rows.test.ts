import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineEntity, p, type MikroORM } from '@mikro-orm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { throwawayDatabase } from '../testing/test-database';
import { openDatabase } from './open-database';
import { PortableMigration } from './portable-migration';
import { readRows, selectRows, sqlRows, withoutPreparedStatements } from './read-rows';

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

  // The same rows through a written statement, with a date and a boolean bound as parameters.
  const fields = ['id', 'tags', 'done', 'at', 'count', 'note'] as const;
  const selected = await selectRows(orm.em.fork(), Thing, { fields, rest: 'where "at" = ? and "done" = ? order by "id" asc limit ?', params: [at, false, 5] });
  expect(selected).toEqual([{ id: 'b', tags: [], done: false, at, count: 3, note: 'n' }]);
  // The same text again (on PostgreSQL a named statement, prepared once per connection) with other values.
  for (const [done, id] of [[true, 'a'], [false, 'b'], [true, 'a']] as const) {
    expect((await selectRows(orm.em.fork(), Thing, { fields, rest: 'where "at" = ? and "done" = ? order by "id" asc limit ?', params: [at, done, 5] })).map((r) => r.id)).toEqual([id]);
  }
  const both = await selectRows(orm.em.fork(), Thing, { fields, rest: 'where "at" <= ? and "count" > ? order by "id" asc', params: [at, 1] });
  expect(both).toEqual(rows);
  expect(await selectRows(orm.em.fork(), Thing, { fields: ['id'], rest: 'where "at" > ?', params: [at] })).toEqual([]);
  // Inside a transaction the statement runs on the transaction's connection (it sees what is not committed).
  await orm.em.fork().transactional(async (tx) => {
    tx.create(Thing, { id: 'c', tags: [], done: true, at, count: 4, note: null });
    await tx.flush();
    expect((await selectRows(tx, Thing, { fields: ['id'], rest: 'order by "id" asc', params: [] })).map((r) => r.id)).toEqual(['a', 'b', 'c']);
    throw new RollBack();
  }).catch((error: unknown) => {
    if (!(error instanceof RollBack)) throw error;
  });
  const [counted] = await sqlRows(orm.em.fork(), 'select count(*) as "n" from "things" where "done" = ?', [true]);
  expect(Number(counted!.n)).toBe(1);
}

class RollBack extends Error {}

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

  it('on PostgreSQL, as named statements unless turned off, logged like the ORM\'s own queries', async () => {
    const named = async (orm: MikroORM) => Number((await sqlRows(orm.em.fork(), `select count(*) as "n" from pg_prepared_statements where name like 'omt\\_%'`, []))[0]!.n);
    for (const prepared of [true, false]) {
      const db = throwawayDatabase('readrows');
      const logged: string[] = [];
      const orm = await openDatabase({ subgraph: 'readrows', entities: [Thing], migrations: [{ name: '0001', class: CreateThings }], databaseUrl: db.url, dataDir: tmpdir(), preparedStatements: prepared, onQuery: (sql) => logged.push(sql) });
      closers.push(async () => {
        await orm.close();
        await db.drop();
      });
      if (!prepared) withoutPreparedStatements(orm); // as openDatabase did; twice is harmless
      await selectRows(orm.em.fork(), Thing, { fields: ['id'], rest: 'where "count" > ? order by "id"', params: [0] });
      // One sequential client: the pool hands back the connection that just ran the statement.
      expect(await named(orm)).toBe(prepared ? 2 : 0);
      expect(logged.some((line) => line.includes('from "things" where "count" > ? order by "id"'))).toBe(true);
    }
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
