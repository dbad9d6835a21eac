import type { MikroORM } from '@mikro-orm/core';
import type { Logger, SecretBox } from '@omnitron/server-kit';
import { Credential } from '../entities/credential.entity';

const BATCH = 100;

/**
 * Key rotation, the re-encryption half: every credential sealed under a key other than the current
 * ENCRYPTION_KEY is opened (with ENCRYPTION_KEY_PREVIOUS) and sealed again under the current one.
 * Each row is rewritten only if it still holds the ciphertext read, so an update racing this wins
 * and nothing is lost; rows keep working throughout (both keys open them). Rows no known key opens
 * are left and counted. Returns how many rows were re-sealed.
 */
export async function resealCredentials(orm: MikroORM, box: SecretBox, log?: Pick<Logger, 'info' | 'warn'>): Promise<{ resealed: number; unreadable: number }> {
  let resealed = 0;
  let unreadable = 0;
  const skipped = new Set<string>();
  for (;;) {
    const em = orm.em.fork();
    const rows = await em.find(Credential, { keyId: { $ne: box.keyId }, ...(skipped.size ? { id: { $nin: [...skipped] } } : {}) }, { limit: BATCH, orderBy: { id: 'asc' } });
    if (rows.length === 0) break;
    for (const row of rows) {
      const context = `credential:${row.workspaceId}:${row.id}`;
      let plaintext: string;
      try {
        plaintext = box.open(row.sealedFields, context);
      } catch {
        unreadable++;
        skipped.add(row.id);
        continue;
      }
      const updated = await em.nativeUpdate(Credential, { id: row.id, sealedFields: row.sealedFields }, { sealedFields: box.seal(plaintext, context), keyId: box.keyId });
      if (updated > 0) resealed++;
      else skipped.add(row.id);
    }
  }
  if (resealed > 0) log?.info({ resealed }, 'credentials re-sealed under the current encryption key');
  if (unreadable > 0) log?.warn({ unreadable }, 'credentials no configured encryption key opens (set ENCRYPTION_KEY_PREVIOUS to the key they were sealed with)');
  return { resealed, unreadable };
}
