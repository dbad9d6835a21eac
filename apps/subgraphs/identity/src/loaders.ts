import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { readRows } from '@omnitron/server-kit';
import { Membership } from './entities/membership.entity';
import { User } from './entities/user.entity';
import { Workspace } from './entities/workspace.entity';

/** Per-request batch loaders: one SQL query per federated fetch, whatever the number of references. */
export interface IdentityLoaders {
  readonly users: DataLoader<string, User | null>;
  readonly workspaces: DataLoader<string, Workspace | null>;
  /** The role of one user in many workspaces, keyed `${userId}:${workspaceId}`. */
  readonly memberships: DataLoader<string, Membership | null>;
}

/** What `User` resolvers read; `passwordHash` is never needed by a reader. */
const USER_FIELDS = ['id', 'email', 'name', 'createdAt'] as const satisfies readonly (keyof User)[];

function byId<T extends { id: string }>(rows: readonly T[], ids: readonly string[]): (T | null)[] {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id) ?? null);
}

export function createLoaders(em: EntityManager): IdentityLoaders {
  return {
    // Plain rows of the public columns: every reader only reads them (and the password hash stays in the database).
    users: new DataLoader(async (ids) => byId(await readRows(em, User, { id: { $in: [...ids] } }, { fields: USER_FIELDS }), ids)),
    workspaces: new DataLoader(async (ids) => byId(await em.find(Workspace, { id: { $in: [...ids] } }), ids)),
    memberships: new DataLoader(async (keys) => {
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const rows = await em.find(Membership, { $or: pairs.map(([userId, workspaceId]) => ({ userId, workspaceId })) });
      const map = new Map(rows.map((row) => [`${row.userId}:${row.workspaceId}`, row]));
      return keys.map((key) => map.get(key) ?? null);
    }),
  };
}
