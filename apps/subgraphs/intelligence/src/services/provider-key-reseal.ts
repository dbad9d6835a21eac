import type { MikroORM } from '@mikro-orm/core';
import type { Logger, SecretBox } from '@omnitron/server-kit';
import { AiProvider } from '../entities/ai-provider.entity';
import { keyContext } from '../routing/provider-catalog';

const BATCH = 100;

/**
 * Key rotation for AI provider keys, like identity's for credentials: every key sealed under
 * anything but the current ENCRYPTION_KEY (a previous key, or the v1 format without key ids) is
 * opened and sealed again under the current one. A row is rewritten only if it still holds what was
 * read, so a concurrent configureAiProvider wins. Rows no configured key opens are left and counted.
 */
export async function resealProviderKeys(orm: MikroORM, box: SecretBox, log?: Pick<Logger, 'info' | 'warn'>): Promise<{ resealed: number; unreadable: number }> {
  let resealed = 0;
  let unreadable = 0;
  for (let offset = 0; ; ) {
    const em = orm.em.fork();
    const rows = await em.find(AiProvider, {}, { fields: ['id', 'workspaceId', 'name', 'apiKeyCiphertext'], limit: BATCH, offset, orderBy: { id: 'asc' } });
    if (rows.length === 0) break;
    offset += rows.length;
    for (const row of rows) {
      if (!box.needsReseal(row.apiKeyCiphertext)) continue;
      const context = keyContext(row.workspaceId, row.name);
      let plaintext: string;
      try {
        plaintext = box.open(row.apiKeyCiphertext, context);
      } catch {
        unreadable++;
        continue;
      }
      const updated = await em.nativeUpdate(AiProvider, { id: row.id, apiKeyCiphertext: row.apiKeyCiphertext }, { apiKeyCiphertext: box.seal(plaintext, context) });
      if (updated > 0) resealed++;
    }
  }
  if (resealed > 0) log?.info({ resealed }, 'AI provider keys re-sealed under the current encryption key');
  if (unreadable > 0) log?.warn({ unreadable }, 'AI provider keys no configured encryption key opens (set ENCRYPTION_KEY_PREVIOUS to the key they were sealed with)');
  return { resealed, unreadable };
}
