/**
 * UTF-8 sizes of JavaScript strings, the unit every stored text is bounded in. A lone surrogate
 * counts 3 bytes: it is stored as U+FFFD, as Buffer and TextEncoder encode it.
 */

/** The UTF-8 size of `text`. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** UTF-8 size of the character starting at `index`, and how many code units it spans. */
function charAt(text: string, index: number): { bytes: number; units: 1 | 2 } {
  const code = text.charCodeAt(index);
  if (code < 0x80) return { bytes: 1, units: 1 };
  if (code < 0x800) return { bytes: 2, units: 1 };
  if (isHighSurrogate(code) && isLowSurrogate(text.charCodeAt(index + 1))) return { bytes: 4, units: 2 };
  return { bytes: 3, units: 1 };
}

/**
 * The longest prefix of `text` whose UTF-8 form fits in `maxBytes`, never splitting a character
 * (a surrogate pair stays whole). Reads at most `maxBytes` code units, whatever the text's length.
 */
export function utf8Prefix(text: string, maxBytes: number): string {
  let bytes = 0;
  let index = 0;
  while (index < text.length) {
    const char = charAt(text, index);
    if (bytes + char.bytes > maxBytes) break;
    bytes += char.bytes;
    index += char.units;
  }
  return index === text.length ? text : text.slice(0, index);
}
