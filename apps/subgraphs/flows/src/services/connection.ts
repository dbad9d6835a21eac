import { ErrorCode, OmnitronError } from '@omnitron/schema';
import { decodeCursor, encodeCursor, pageSize } from '@omnitron/server-kit';

/** A Relay page before it meets GraphQL: `totalCount` is counted only when asked for. */
export interface Page<T> {
  readonly edges: Array<{ cursor: string; node: T }>;
  readonly pageInfo: { endCursor: string | null; hasNextPage: boolean };
  readonly count: () => Promise<number>;
}

export interface PageRequest {
  readonly first?: number | null;
  readonly after?: string | null;
}

/** Decodes `after` into a keyset tuple of the expected shape, or VALIDATION_FAILED. */
export function afterKey<K extends (string | number)[]>(after: string | null | undefined, isKey: (value: (string | number)[]) => value is K): K | undefined {
  if (after == null) return undefined;
  const key = decodeCursor(after);
  if (!key || !isKey(key)) throw new OmnitronError(ErrorCode.VALIDATION_FAILED, '`after` is not a cursor from this list', { field: 'after' });
  return key;
}

/** Builds a page from `limit + 1` fetched rows (the extra one only says there is a next page). */
export function toPage<T>(rows: readonly T[], limit: number, keyOf: (row: T) => (string | number)[], count: () => Promise<number>): Page<T> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: rows.length > limit }, count };
}

export { pageSize };
