/** What a value too large to store is replaced with. */
export interface TruncatedValue {
  readonly $truncated: true;
  readonly bytes: number;
  readonly preview: string;
}

const PREVIEW_CHARS = 1_024;

/** The value itself when its JSON fits in `maxBytes`; otherwise a preview and a flag. */
export function fitForStorage(value: unknown, maxBytes: number): { value: unknown; truncated: boolean } {
  if (value === undefined) return { value: null, truncated: false };
  const json = JSON.stringify(value) ?? 'null';
  const bytes = Buffer.byteLength(json);
  if (bytes <= maxBytes) return { value, truncated: false };
  const preview: TruncatedValue = { $truncated: true, bytes, preview: json.slice(0, PREVIEW_CHARS) };
  return { value: preview, truncated: true };
}
