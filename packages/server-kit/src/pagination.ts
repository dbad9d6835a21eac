/** Relay cursors: opaque base64url of a sortable key, so pages stay stable while rows are added. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): (string | number)[] | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number') ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Clamps a requested page size: default 20, at most 100. */
export function pageSize(first: number | null | undefined, max = 100): number {
  if (first === null || first === undefined) return 20;
  return Math.max(1, Math.min(max, Math.trunc(first)));
}
