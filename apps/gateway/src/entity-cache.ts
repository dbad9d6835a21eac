import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { RecentlyUsed } from '@omnitron/server-kit';
import { copyOf, representationKey } from './entity-representations';

export interface EntityCacheOptions {
  /** How long an answer is served without asking the subgraph again; 0 turns the cache off. */
  readonly ttlMs: number;
  /** Most answers kept; the oldest go first. */
  readonly maxEntries: number;
  /** The entity types (`__typename`) whose answers may be kept: see `EntityCache`. */
  readonly types: ReadonlySet<string>;
}

interface Entry {
  readonly at: number;
  readonly value: unknown;
}

/**
 * Answers of `_entities` fetches for entity types whose resolution depends on nothing but the
 * representation (not on who asks, beyond being signed in) and whose fields change rarely or never,
 * such as identity's `User` (id, email, name, creation time). The key is the fetch's query text
 * (its selection set) and the representation. A fetch is served from here only when every one of
 * its representations is; otherwise it goes to the subgraph whole and its answers are kept.
 * Answers that came with an error are never kept. Anonymous fetches are never served or kept.
 */
export class EntityCache {
  private readonly entries: RecentlyUsed<string, Entry>;

  constructor(private readonly options: EntityCacheOptions) {
    this.entries = new RecentlyUsed(options.maxEntries);
  }

  /** The keys of a fetch this cache may serve, or undefined when it may not. */
  keysOf(query: string, variables: Record<string, unknown> | undefined, signedIn: boolean): string[] | undefined {
    const representations = variables?.representations;
    if (!signedIn || this.options.ttlMs === 0 || !Array.isArray(representations) || representations.length === 0) return undefined;
    const keys: string[] = [];
    for (const representation of representations) {
      const typename = (representation as { __typename?: unknown } | null)?.__typename;
      if (typeof typename !== 'string' || !this.options.types.has(typename)) return undefined;
      keys.push(`${query}\u0000${representationKey(representation)}`);
    }
    return keys;
  }

  /** The whole answer when every key is fresh here (each entity its own copy), else undefined. */
  answer(keys: readonly string[], now = Date.now()): GatewayGraphQLResponse | undefined {
    const entities: unknown[] = [];
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (!entry || now - entry.at >= this.options.ttlMs) return undefined;
      entities.push(copyOf(entry.value));
    }
    return { data: { _entities: entities } };
  }

  /** Keeps each entity of `answer` that resolved (not null) without an error at its path. */
  keep(keys: readonly string[], answer: GatewayGraphQLResponse, now = Date.now()): void {
    const entities = (answer.data as { _entities?: unknown } | null | undefined)?._entities;
    if (!Array.isArray(entities) || entities.length !== keys.length) return;
    const failed = new Set<unknown>((answer.errors ?? []).map((error) => (error.path?.[0] === '_entities' ? error.path[1] : '*')));
    if (failed.has('*')) return; // an error without an entity index: keep nothing from this answer
    keys.forEach((key, index) => {
      if (entities[index] === null || failed.has(index)) return;
      this.entries.set(key, { at: now, value: copyOf(entities[index]) });
    });
  }

  get size(): number {
    return this.entries.size;
  }
}
