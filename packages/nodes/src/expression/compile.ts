import jsonata from 'jsonata';

/**
 * Compiled JSONata expressions, shared by every run: compiling costs far more than evaluating,
 * and flows repeat the same few expressions across thousands of nodes and runs.
 * Bounded so a long-lived worker fed endless distinct expressions cannot grow without limit.
 */
const MAX_CACHED = 20_000;
const compiled = new Map<string, jsonata.Expression>();

/** Compiles (or returns the cached) expression; throws JSONata's own error on a parse failure. */
export function compileExpression(source: string): jsonata.Expression {
  const cached = compiled.get(source);
  if (cached !== undefined) return cached;
  const expression = jsonata(source);
  if (compiled.size >= MAX_CACHED) {
    const oldest = compiled.keys().next();
    if (oldest.done !== true) compiled.delete(oldest.value);
  }
  compiled.set(source, expression);
  return expression;
}

/** `undefined` when the expression parses, otherwise JSONata's message. */
export function expressionSyntaxError(source: string): string | undefined {
  try {
    compileExpression(source);
    return undefined;
  } catch (error) {
    return describeJsonataError(error);
  }
}

export function describeJsonataError(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { message, position } = error as { message?: unknown; position?: unknown };
    const text = typeof message === 'string' ? message : String(error);
    return typeof position === 'number' ? `${text} (at position ${position})` : text;
  }
  return String(error);
}
