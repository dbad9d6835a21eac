import jsonata from 'jsonata';

/**
 * Compiled JSONata expressions, shared by every run: compiling costs far more than evaluating,
 * and flows repeat the same few expressions across thousands of nodes and runs.
 * Bounded so a long-lived worker fed endless distinct expressions cannot grow without limit.
 */
const MAX_CACHED = 20_000;
const compiled = new Map<string, jsonata.Expression>();

/** Per-evaluation budget, bound as a variable so the shared compiled expression stays stateless. */
export interface EvaluationBudget {
  deadline: number;
  steps: number;
  readonly limitMs: number;
}

export const BUDGET_VARIABLE = '__omnitronBudget';
const ENTRY_HOOK = Symbol.for('jsonata.__evaluate_entry');

/**
 * JSONata evaluation is a chain of microtasks, so a runaway expression (tail-recursive function)
 * would starve every timer, the node timeout included. JSONata calls this hook on every step;
 * it reads the clock every 1024 steps and stops the evaluation past its deadline.
 */
function checkBudget(_expression: unknown, _input: unknown, environment: { lookup(name: string): unknown }): void {
  const budget = environment.lookup(BUDGET_VARIABLE) as EvaluationBudget | undefined;
  if (budget === undefined || (++budget.steps & 1023) !== 0 || Date.now() <= budget.deadline) return;
  throw new Error(`expression ran longer than ${budget.limitMs} ms and was stopped`);
}

/** Compiles (or returns the cached) expression; throws JSONata's own error on a parse failure. */
export function compileExpression(source: string): jsonata.Expression {
  const cached = compiled.get(source);
  if (cached !== undefined) return cached;
  const expression = jsonata(source);
  // The hook is keyed by a symbol, which jsonata's typings (string names only) do not model.
  Reflect.apply(expression.assign, expression, [ENTRY_HOOK, checkBudget]);
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
