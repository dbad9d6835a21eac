import { tokenize } from './tokenize';

/** A document as fields of text; each field weighs differently (BM25F-style). */
export interface SearchDocument {
  readonly id: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface ScoredDocument {
  readonly id: string;
  readonly score: number;
}

export interface Bm25Options {
  /** Term-frequency weight per field. @default name 3, tags 2, description 1.5, others 1 */
  readonly weights?: Readonly<Record<string, number>>;
  /** @default 1.2 */
  readonly k1?: number;
  /** @default 0.75 */
  readonly b?: number;
}

const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = { name: 3, tags: 2, description: 1.5 };

function weightedTerms(doc: SearchDocument, weights: Readonly<Record<string, number>>): { terms: Map<string, number>; length: number } {
  const terms = new Map<string, number>();
  let length = 0;
  for (const [field, text] of Object.entries(doc.fields)) {
    const weight = weights[field] ?? 1;
    for (const term of tokenize(text)) {
      terms.set(term, (terms.get(term) ?? 0) + weight);
      length += weight;
    }
  }
  return { terms, length };
}

/** Okapi BM25 over weighted fields; documents matching no query term are left out. Best first. */
export function rankBm25(query: string, documents: readonly SearchDocument[], options: Bm25Options = {}): ScoredDocument[] {
  const queryTerms = [...new Set(tokenize(query))];
  if (queryTerms.length === 0 || documents.length === 0) return [];
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const indexed = documents.map((doc) => ({ id: doc.id, ...weightedTerms(doc, options.weights ?? DEFAULT_WEIGHTS) }));
  const averageLength = indexed.reduce((sum, d) => sum + d.length, 0) / indexed.length || 1;
  const idf = new Map(
    queryTerms.map((term) => {
      const df = indexed.filter((d) => d.terms.has(term)).length;
      return [term, Math.log(1 + (indexed.length - df + 0.5) / (df + 0.5))];
    }),
  );
  const scored: ScoredDocument[] = [];
  for (const doc of indexed) {
    let score = 0;
    for (const term of queryTerms) {
      const tf = doc.terms.get(term);
      if (!tf) continue;
      score += idf.get(term)! * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * doc.length) / averageLength)));
    }
    if (score > 0) scored.push({ id: doc.id, score });
  }
  return scored.sort((x, y) => y.score - x.score || x.id.localeCompare(y.id));
}
