/** Derived columns and patterns for search and the tag filter, portable across SQLite and PostgreSQL. */

const TAG_SEPARATOR = '\u001f';

export function searchTextOf(name: string, description: string, tags: readonly string[]): string {
  return [name, description, ...tags].join('\n').toLowerCase();
}

export function tagIndexOf(tags: readonly string[]): string {
  return tags.length === 0 ? '' : `${TAG_SEPARATOR}${tags.map((tag) => tag.toLowerCase()).join(TAG_SEPARATOR)}${TAG_SEPARATOR}`;
}

/** Escapes `%`, `_` and `\` for a `like ... escape '\'` predicate. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** One `like` pattern per word of the search: every word must occur (in any field). */
export function searchPatterns(search: string): string[] {
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 10)
    .map((word) => `%${escapeLike(word)}%`);
}

export function tagPattern(tag: string): string {
  return `%${escapeLike(`${TAG_SEPARATOR}${tag.trim().toLowerCase()}${TAG_SEPARATOR}`)}%`;
}
