/**
 * An upper bound of the UTF-8 bytes of `value`'s JSON, or some number above `budget` once the walk
 * passes it. Six bytes per string character covers the widest escape (`\u0000`), so a bound under
 * a limit proves the value fits without serialising it; only values near the limit pay for
 * JSON.stringify. A value only JSON.stringify can size (a `toJSON`, a bigint) is Infinity.
 */
function jsonBytesBound(value: unknown, budget: number): number {
  switch (typeof value) {
    case 'string':
      return value.length * 6 + 2;
    case 'number':
      return 24;
    case 'boolean':
      return 5;
    case 'bigint':
      return Number.POSITIVE_INFINITY;
    case 'object':
      if (value === null) return 4;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return Number.POSITIVE_INFINITY;
      return containerBound(value, budget);
    default:
      // undefined, a function or a symbol: left out of an object, `null` in an array.
      return 4;
  }
}

function containerBound(value: object, budget: number): number {
  let total = 2;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) {
      total += jsonBytesBound(item, budget - total) + 1;
      if (total > budget) return total;
    }
    return total;
  }
  for (const key in value) {
    total += key.length * 6 + 4 + jsonBytesBound((value as Record<string, unknown>)[key], budget - total);
    if (total > budget) return total;
  }
  return total;
}

/**
 * Whether `jsonBytesBound` proves `value`'s JSON is at most `maxBytes`; false when it cannot (the
 * caller then serialises), including a nesting too deep for the walk (JSON.stringify decides).
 */
export function provablyFitsJson(value: unknown, maxBytes: number): boolean {
  try {
    return jsonBytesBound(value, maxBytes) <= maxBytes;
  } catch {
    return false;
  }
}
