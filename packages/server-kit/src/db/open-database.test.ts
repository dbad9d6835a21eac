import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineEntity, p, type MikroORM } from '@mikro-orm/core';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database';
import { PortableMigration } from './portable-migration';

const NoteSchema = defineEntity({ name: 'Note', tableName: 'notes', properties: { id: p.string().length(36).primary() } });
class Note extends NoteSchema.class {}
NoteSchema.setClass(Note);

class CreateNotes extends PortableMigration {
  override up(): void {
    this.statements(() => 'create table "notes" ("id" varchar(36) not null primary key);');
  }
}

const dirs: string[] = [];
const orms: MikroORM[] = [];
afterAll(async () => {
  for (const orm of orms) await orm.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function pragmasOf(sqliteSynchronous?: 'full' | 'normal'): Promise<{ journal: string; synchronous: number; orm: MikroORM }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'omt-open-db-'));
  dirs.push(dataDir);
  const orm = await openDatabase({ subgraph: 'notes', entities: [Note], migrations: [{ name: '0001', class: CreateNotes }], dataDir, ...(sqliteSynchronous ? { sqliteSynchronous } : {}) });
  orms.push(orm);
  const connection = orm.em.fork().getConnection();
  const [journal] = (await connection.execute('pragma journal_mode')) as Array<{ journal_mode: string }>;
  const [synchronous] = (await connection.execute('pragma synchronous')) as Array<{ synchronous: number }>;
  return { journal: journal!.journal_mode, synchronous: synchronous!.synchronous, orm };
}

describe('openDatabase on SQLite', () => {
  it('keeps a write-ahead log, synced at checkpoints by default', async () => {
    const { journal, synchronous, orm } = await pragmasOf();
    expect(journal).toBe('wal');
    expect(synchronous).toBe(1); // NORMAL
    // The migrated table is there and takes writes in that mode.
    await orm.em.fork().insert(Note, { id: 'n1' });
    expect(await orm.em.fork().count(Note)).toBe(1);
  });

  it('syncs the log at every commit with SQLITE_SYNCHRONOUS=full', async () => {
    const { journal, synchronous } = await pragmasOf('full');
    expect(journal).toBe('wal');
    expect(synchronous).toBe(2); // FULL
  });
});
