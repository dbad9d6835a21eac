import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteDialect } from './sqlite-dialect';

const dir = mkdtempSync(join(tmpdir(), 'omt-sqlite-dialect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sqliteDialect: statements kept prepared', () => {
  it('runs the same statement again with other parameters, after a failure too, and applies its pragmas', async () => {
    const db = new Kysely<{ items: { id: number; name: string } }>({ dialect: await sqliteDialect(join(dir, 'items.db'), ['pragma journal_mode = wal']) });
    try {
      await sql`create table items (id integer primary key, name text not null)`.execute(db);
      const insert = (id: number, name: string) => db.insertInto('items').values({ id, name }).execute();
      await insert(1, 'one');
      await insert(2, 'two');
      // The kept INSERT fails on a duplicate key, and still serves the next call.
      await expect(insert(1, 'again')).rejects.toThrow(/UNIQUE/);
      await insert(3, 'three');
      const byId = (id: number) => db.selectFrom('items').select('name').where('id', '=', id).executeTakeFirst();
      expect(await byId(2)).toEqual({ name: 'two' });
      expect(await byId(3)).toEqual({ name: 'three' });
      expect(await byId(9)).toBeUndefined();
      const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      expect(rows[0]!.journal_mode).toBe('wal');
    } finally {
      await db.destroy();
    }
  });
});
