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

/** An edge whose cursor is encoded when read: lists are mostly fetched without cursors. */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly keyOf: (row: T) => (string | number)[],
  ) {}

  get cursor(): string {
    return encodeCursor(this.keyOf(this.node));
  }
}

/** Builds a page from `limit + 1` fetched rows (the extra one only says there is a next page). */
export function toPage<T>(rows: readonly T[], limit: number, keyOf: (row: T) => (string | number)[], count: () => Promise<number>): Page<T> {
  const nodes = rows.slice(0, limit);
  const edges = nodes.map((node) => new Edge(node, keyOf));
  const last = nodes.at(-1);
  return { edges, pageInfo: { endCursor: last === undefined ? null : encodeCursor(keyOf(last)), hasNextPage: rows.length > limit }, count };
}

export { pageSize };
