/** The path being typed just before the caret: `$nodes.fetch.bo` in `$count($nodes.fetch.bo|`. */
const TYPED_PATH = /[$A-Za-z0-9_.`]*$/;

export interface Completion {
  /** Where the typed path starts; it ends at the caret. */
  readonly from: number;
  readonly options: readonly string[];
}

/** Paths that continue what is typed at the caret (only once it starts with `$`), shortest first. */
export function completionAt(text: string, caret: number, paths: readonly string[], limit = 12): Completion | undefined {
  const typed = TYPED_PATH.exec(text.slice(0, caret))?.[0] ?? '';
  if (!typed.startsWith('$')) return undefined;
  const options = paths.filter((path) => path.startsWith(typed) && path !== typed);
  if (options.length === 0) return undefined;
  // The next step first: `$nodes.` offers `$nodes.fetch` before `$nodes.fetch.body.items`.
  const depth = (path: string) => path.split('.').length;
  return { from: caret - typed.length, options: [...options].sort((a, b) => depth(a) - depth(b)).slice(0, limit) };
}

/** The text with the typed path replaced by `option`, and where the caret goes. */
export function applyCompletion(text: string, caret: number, completion: Completion, option: string): { text: string; caret: number } {
  return { text: text.slice(0, completion.from) + option + text.slice(caret), caret: completion.from + option.length };
}

/** Line and column (both from 1) of an index in the text, for an error's position. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(position, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
