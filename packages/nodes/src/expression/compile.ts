import jsonata from 'jsonata';
import { BOUNDED_FUNCTIONS } from './bounded-functions';
import { budgetOf, type JsonataFrame, type StepNode } from './budget';
import { assertLinearRegexes, LinearRegExp } from './linear-regex';

/**
 * Compiled JSONata expressions, shared by every run: compiling costs far more than evaluating,
 * and flows repeat the same few expressions across thousands of nodes and runs.
 * Bounded so a long-lived worker fed endless distinct expressions cannot grow without limit.
 */
const MAX_CACHED = 20_000;
const compiled = new Map<string, jsonata.Expression>();

const EXIT_HOOK = Symbol.for('jsonata.__evaluate_exit');

/**
 * JSONata calls this after every step of every evaluation: it reads the clock (a runaway
 * recursion is one long microtask chain that no timer interrupts) and measures what the step
 * produced, so no string, array or shared structure outgrows its limit by even one step.
 */
function exitStep(step: StepNode, _input: unknown, environment: JsonataFrame, result: unknown): void {
  budgetOf(environment).exit(step, result);
}

const options = { RegexEngine: LinearRegExp as unknown as RegExpConstructor };

/** Compiles (or returns the cached) expression; throws JSONata's own error on a parse failure. */
export function compileExpression(source: string): jsonata.Expression {
  const cached = compiled.get(source);
  if (cached !== undefined) return cached;
  const expression = jsonata(source, options);
  assertLinearRegexes(expression.ast());
  // The hook is keyed by a symbol, which jsonata's typings (string names only) do not model.
  Reflect.apply(expression.assign, expression, [EXIT_HOOK, exitStep]);
  for (const [name, implementation, signature] of BOUNDED_FUNCTIONS) {
    expression.registerFunction(name, implementation as (...args: unknown[]) => unknown, signature);
  }
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
