import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineEntity, p, type MikroORM } from '@mikro-orm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { throwawayDatabase } from '../testing/test-database';
import { insertRows } from './insert-rows';
import { isPostgres } from './dialect';
import { insertRowsDirect, insertTogether, togetherStatement } from './insert-statement';
import { openDatabase } from './open-database';
import { PortableMigration } from './portable-migration';
import { readRows, sqlRows } from './read-rows';

const RecordSchema = defineEntity({
  name: 'Record',
  tableName: 'records',
  properties: {
    id: p.string().length(36).primary(),
    runId: p.string().length(36),
    data: p.json<unknown>().nullable(),
    graph: p.json<unknown>(),
    done: p.boolean().default(false),
    at: p.datetime().nullable(),
    ms: p.float().nullable(),
  },
});
class Record extends RecordSchema.class {}
RecordSchema.setClass(Record);

class CreateRecords extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      create table "records" ("id" varchar(36) not null primary key, "run_id" varchar(36) not null, "data" ${t.json} null, "graph" ${t.json} not null,
        "done" ${t.bool} not null default ${this.isPostgres ? 'false' : '0'}, "at" ${t.timestamp} null, "ms" double precision null);
    `);
  }
}

const at = new Date('2026-12-07T10:11:12.345Z');
const graph = { nodes: [{ id: 'a', data: { text: 'é "quoted" \\ \n' } }], edges: [] };
/** Rows as the recorder writes them: JSON of every shape (strings, null, arrays), a shared graph, a property left out or undefined. */
const rowsOf = (prefix: string) => [
  { id: `${prefix}1`, runId: 'r', data: { n: 1, list: [1, 'two', null], text: '😀 \u0001' }, graph, done: true, at, ms: 1.25 },
  { id: `${prefix}2`, runId: 'r', data: 'just text', graph, done: false, at: null, ms: null },
  { id: `${prefix}3`, runId: 'r', data: null, graph, at, ms: 0.5 },
  { id: `${prefix}4`, runId: 'r', data: [{ kind: 'a value named kind' }], graph, done: undefined, at, ms: 3 },
  { id: `${prefix}5`, runId: 'r', data: 42, graph },
];

/** Rows that all have every property, defined: on PostgreSQL they travel as one JSON recordset. */
const completeRowsOf = (prefix: string) => rowsOf(prefix).filter((row) => Object.keys(row).length === 7 && Object.values(row).every((value) => value !== undefined));

async function check(orm: MikroORM): Promise<void> {
  expect(completeRowsOf('')).toHaveLength(2);
  await orm.em.fork().transactional(async (tx) => {
    await insertRows(tx, Record, rowsOf('kysely-'));
    await insertRowsDirect(tx, Record, rowsOf('direct-'), { shared: ['graph'] });
    // Rows that need no column default: written as SQL on SQLite too.
    await insertRowsDirect(tx, Record, completeRowsOf('whole-'), { shared: ['graph'] });
  });
  // Two entities' rows in one statement: complete rows as a recordset, mixed ones a parameter per value.
  if (isPostgres(orm.em.getPlatform())) {
    const statement = togetherStatement(orm.em.fork(), [
      { entity: Record, rows: completeRowsOf('together-'), options: { shared: ['graph'] } },
      { entity: Record, rows: rowsOf('mixed-') },
    ])!;
    expect(statement.sql).toMatch(/^with "i1" as \(insert into "records" \(.*\) select .*\(\?::jsonb -> \("graph" #>> '\{\}'\)::int\).* from json_populate_recordset\(null::"records", \?\)\) insert into "records" \(.*\) values \(\?, /);
    // The graph both rows share travels once, in its own parameter (its `?` comes first); each row holds its index there.
    expect(statement.parameters[0]).toBe(`[${JSON.stringify(graph)}]`);
    expect(statement.parameters[1]).toMatch(/^\[\{"id":"together-1",.*"graph":0,.*\},\{"id":"together-2",.*"graph":0,/);
  }
  await insertTogether(orm.em.fork(), [
    { entity: Record, rows: completeRowsOf('together-'), options: { shared: ['graph'] } },
    { entity: Record, rows: [] },
    { entity: Record, rows: rowsOf('mixed-'), options: { shared: ['graph'] } },
  ]);
  const fields = ['id', 'runId', 'data', 'graph', 'done', 'at', 'ms'] as const;
  const read = async (prefix: string) =>
    (await readRows(orm.em.fork(), Record, { id: { $like: `${prefix}%` } }, { fields: [...fields], orderBy: { id: 'asc' } })).map((row) => ({ ...row, id: row.id.slice(prefix.length) }));
  const direct = await read('direct-');
  // The same rows as the query builder writes, defaults included.
  expect(direct).toEqual(await read('kysely-'));
  expect(direct).toHaveLength(5);
  expect(direct[0]).toEqual({ id: '1', runId: 'r', data: { n: 1, list: [1, 'two', null], text: '😀 \u0001' }, graph, done: true, at, ms: 1.25 });
  expect(direct.map((row) => row.done)).toEqual([true, false, false, false, false]);
  expect(await read('mixed-')).toEqual(direct);
  expect(await read('together-')).toEqual(direct.slice(0, 2));
  expect(await read('whole-')).toEqual(direct.slice(0, 2));
  // Shared columns with several distinct values in one batch, a value repeated apart, and null: each row reads back its own.
  const other = { nodes: [], edges: [{ id: 'e' }] };
  const mixedShares = [
    { id: 'shares-1', runId: 'r', data: null, graph, done: true, at, ms: 1 },
    { id: 'shares-2', runId: 'r', data: 'text', graph: other, done: false, at, ms: 2 },
    { id: 'shares-3', runId: 'r', data: { n: 3 }, graph, done: true, at, ms: 3 },
    { id: 'shares-4', runId: 'r', data: 'text', graph: { ...other }, done: false, at, ms: 4 },
  ];
  await insertTogether(orm.em.fork(), [{ entity: Record, rows: mixedShares, options: { shared: ['graph', 'data'] } }]);
  expect(await read('shares-')).toEqual(mixedShares.map((row) => ({ ...row, id: row.id.slice('shares-'.length) })));
  // In the transaction it is given: nothing is left when that rolls back.
  await orm.em
    .fork()
    .transactional(async (tx) => {
      await insertRowsDirect(tx, Record, [{ id: 'rolled-back', runId: 'r', data: null, graph }]);
      throw new RollBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RollBack)) throw error;
    });
  expect(await orm.em.fork().count(Record, { id: 'rolled-back' })).toBe(0);
  // Committed without waiting for the WAL flush, the rows are the same rows.
  await insertRowsDirect(orm.em.fork(), Record, rowsOf('async-'), { shared: ['graph'], asyncCommit: true });
  expect(await read('async-')).toEqual(direct);
  // Inside a transaction asyncCommit does not apply: the transaction keeps its commit (and rolls the rows back).
  await orm.em
    .fork()
    .transactional(async (tx) => {
      await insertRowsDirect(tx, Record, [{ id: 'async-rolled-back', runId: 'r', data: null, graph }], { asyncCommit: true });
      if (isPostgres(tx.getPlatform())) expect(await sqlRows(tx, `select current_setting('synchronous_commit') as "value"`, [])).toEqual([{ value: 'on' }]);
      throw new RollBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RollBack)) throw error;
    });
  expect(await orm.em.fork().count(Record, { id: 'async-rolled-back' })).toBe(0);
  // All or none: a second entity's rows failing (a duplicate key) leaves the first one's out too.
  await expect(
    insertTogether(orm.em.fork(), [
      { entity: Record, rows: completeRowsOf('atomic-') },
      { entity: Record, rows: completeRowsOf('together-') },
    ]),
  ).rejects.toThrow();
  expect(await orm.em.fork().count(Record, { id: { $like: 'atomic-%' } })).toBe(0);
}

class RollBack extends Error {}

describe('insertRowsDirect: rows written as the query builder writes them', () => {
  const closers: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  it('on PostgreSQL (a written INSERT with parameters)', async () => {
    const db = throwawayDatabase('insertdirect');
    const orm = await openDatabase({ subgraph: 'insertdirect', entities: [Record], migrations: [{ name: '0001', class: CreateRecords }], databaseUrl: db.url, dataDir: tmpdir() });
    closers.push(async () => {
      await orm.close();
      await db.drop();
    });
    await check(orm);

  });

  it('on SQLite (through insertRows)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omt-insertdirect-'));
    const orm = await openDatabase({ subgraph: 'insertdirect', entities: [Record], migrations: [{ name: '0001', class: CreateRecords }], dataDir });
    closers.push(async () => {
      await orm.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    await check(orm);
  });
});
