import type { EntityManager } from '@mikro-orm/core';
import DataLoader from 'dataloader';
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

function byId<T extends { id: string }>(rows: readonly T[], ids: readonly string[]): (T | null)[] {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id) ?? null);
}

export function createLoaders(em: EntityManager): IdentityLoaders {
  return {
    users: new DataLoader(async (ids) => byId(await em.find(User, { id: { $in: [...ids] } }), ids)),
    workspaces: new DataLoader(async (ids) => byId(await em.find(Workspace, { id: { $in: [...ids] } }), ids)),
    memberships: new DataLoader(async (keys) => {
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const rows = await em.find(Membership, { $or: pairs.map(([userId, workspaceId]) => ({ userId, workspaceId })) });
      const map = new Map(rows.map((row) => [`${row.userId}:${row.workspaceId}`, row]));
      return keys.map((key) => map.get(key) ?? null);
    }),
  };
}
