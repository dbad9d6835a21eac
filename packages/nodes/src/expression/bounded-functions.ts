import jsonata from 'jsonata';
import { budgetOf, type EvaluationBudget, type JsonataFrame } from './budget';
import { stringTooLong } from './limits';
import { isJsonataFunction, markVolatile, prettySize } from './value-size';

/**
 * Built-ins that can build a large value, or loop without a step, inside one call. The step hooks
 * see a step's result only after it exists and read the clock only between steps, so these check
 * their budget before they build (`$pad("", 1e8)`, `$join`, `$string`, `$clone`), per regex match
 * (`$match`, `$replace`, `$split`, `$contains` over a long text) or replace a quadratic loop
 * (`$distinct`, `$sort` without a comparator). Each keeps JSONata's signature, so argument checks and errors are unchanged.
 */

/** `this` of a JSONata built-in. */
interface Focus {
  readonly environment: JsonataFrame;
  createSequence(): unknown[];
}

type Implementation = (this: Focus, ...args: never[]) => unknown;

interface MatchResult {
  readonly start: number;
  next(): Found;
}
/** JSONata hands function arguments over wrapped in async functions, so a match may come as a promise. */
type Found = MatchResult | undefined | Promise<MatchResult | undefined>;
type Matcher = (text: string) => Found;

const DELEGATED = ['string', 'clone', 'match', 'replace', 'split', 'contains', 'sort'] as const;
type Delegated = (typeof DELEGATED)[number];

let originals: Record<Delegated, (this: Focus, ...args: unknown[]) => unknown> | undefined;
let loading: Promise<void> | undefined;

/**
 * JSONata's own implementations, which the wrappers call after their checks. JSONata hands them
 * out only through an (asynchronous) evaluation: loaded once, before the first bounded evaluation.
 */
export function loadBuiltins(): Promise<void> | undefined {
  if (originals !== undefined) return undefined;
  loading ??= jsonata(`[${DELEGATED.map((name) => `$${name}`).join(', ')}]`)
    .evaluate(undefined)
    .then((functions: { implementation: (this: Focus, ...args: unknown[]) => unknown }[]) => {
      originals = Object.fromEntries(DELEGATED.map((name, index) => [name, functions[index]!.implementation])) as typeof originals;
    });
  return loading;
}

function original(name: Delegated): (this: Focus, ...args: unknown[]) => unknown {
  if (originals === undefined) throw new Error('JSONata built-ins used before loadBuiltins()');
  return originals[name];
}

function codePoints(text: string): string[] {
  return Array.from(text);
}

/** `$pad`: JSONata builds the padding as `Array(width).join(char)`, so the width is checked first. */
function pad(this: Focus, text?: string, width?: number, fill?: string): string | undefined {
  if (text === undefined || width === undefined) return text;
  const target = Math.trunc(width);
  const { limits } = budgetOf(this.environment);
  if (Math.abs(target) > limits.maxStringLength) throw stringTooLong('$pad', Math.abs(target), limits);
  const char = fill === undefined || fill.length === 0 ? ' ' : fill;
  const padLength = Math.abs(target) - codePoints(text).length;
  if (padLength <= 0) return text;
  const unit = codePoints(char);
  const repeated = char.repeat(Math.ceil(padLength / unit.length));
  const padding = unit.length === char.length ? repeated.slice(0, padLength) : codePoints(repeated).slice(0, padLength).join('');
  return target > 0 ? text + padding : padding + text;
}

function join(this: Focus, parts?: string[] | string, separator?: string): string | undefined {
  if (parts === undefined) return undefined;
  const list = Array.isArray(parts) ? parts : [parts];
  const glue = separator ?? '';
  const { limits } = budgetOf(this.environment);
  let length = Math.max(0, list.length - 1) * glue.length;
  for (const part of list) length += part.length;
  if (length > limits.maxStringLength) throw stringTooLong('$join', length, limits);
  return list.join(glue);
}

function string(this: Focus, value?: unknown, prettify = false): unknown {
  if (typeof value === 'object' && value !== null && !isJsonataFunction(value)) {
    const budget = budgetOf(this.environment);
    const max = budget.limits.maxStringLength;
    budget.sizeWithin(value, max, '$string');
    if (prettify && prettySize(value, max) > max) throw stringTooLong('$string', max + 1, budget.limits);
  }
  return original('string').call(this, value, prettify);
}

/** `$clone`, also what a transform (`| path | update |`) copies its input with. */
function clone(this: Focus, value?: unknown): unknown {
  const budget = budgetOf(this.environment);
  budget.sizeWithin(value, budget.limits.maxStringLength, '$clone');
  const copy = original('clone').call(this, value);
  markVolatile(copy);
  return copy;
}

/** A key equal for exactly the values JSONata's deep equality calls equal (keys in any order). */
function canonicalKey(value: unknown, functions: Map<unknown, number>): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object' || value === null) return String(value);
  if (isJsonataFunction(value)) {
    if (!functions.has(value)) functions.set(value, functions.size);
    return `#${functions.get(value)}`;
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalKey(item, functions)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.getOwnPropertyNames(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalKey(record[key], functions)}`).join(',')}}`;
}

/** `$distinct`: JSONata compares every item with every kept one (quadratic); this keys them once. */
function distinct(this: Focus, items?: unknown): unknown {
  if (!Array.isArray(items) || items.length <= 1) return items;
  const kept = (items as { sequence?: boolean }).sequence === true ? this.createSequence() : [];
  const primitives = new Set<unknown>();
  const structures = new Set<string>();
  const functions = new Map<unknown, number>();
  for (const item of items as unknown[]) {
    if (typeof item === 'object' && item !== null) {
      const key = canonicalKey(item, functions);
      if (structures.has(key)) continue;
      structures.add(key);
    } else {
      if (primitives.has(item)) continue;
      primitives.add(item);
    }
    kept.push(item);
  }
  return kept;
}

/**
 * `$sort` without a comparator: JSONata merges with `right.slice(1)` per element (quadratic) and
 * its default comparator is no step, so sorting a million numbers ran half an hour without the clock
 * being read. This is the same stable ascending order; with a comparator each comparison is a
 * step, so JSONata's own sort is kept.
 */
function sort(this: Focus, items?: unknown[], comparator?: unknown): unknown {
  if (comparator !== undefined || items === undefined || items.length <= 1) {
    return original('sort').call(this, items, comparator);
  }
  const numbers = items.every((item) => typeof item === 'number' && !Number.isNaN(item));
  if (!numbers && !items.every((item) => typeof item === 'string')) {
    throw { code: 'D3070', stack: new Error().stack, index: 1 };
  }
  return (items as (number | string)[]).slice().sort((a, b) => (a > b ? 1 : a < b ? -1 : 0));
}

/** A regex matcher that counts its matches against the budget (and reads the clock) on each one. */
function guardMatcher(pattern: unknown, budget: EvaluationBudget, name: string): unknown {
  if (typeof pattern !== 'function') return pattern;
  const matcher = pattern as Matcher;
  let count = 0;
  const guard = (found: Found): Found => {
    if (found instanceof Promise) return found.then(guard);
    if (found === undefined || found === null) return found;
    budget.tick(++count, `${name} matches`);
    const next = found.next;
    return { ...found, next: () => guard(next()) };
  };
  return (text: string) => guard(matcher(text));
}

function match(this: Focus, text?: string, pattern?: unknown, limit?: number): unknown {
  const guarded = text === undefined ? pattern : guardMatcher(pattern, budgetOf(this.environment), '$match');
  return original('match').call(this, text, guarded, limit);
}

function split(this: Focus, text?: string, pattern?: unknown, limit?: number): unknown {
  const guarded = text === undefined ? pattern : guardMatcher(pattern, budgetOf(this.environment), '$split');
  return original('split').call(this, text, guarded, limit);
}

function contains(this: Focus, text?: string, pattern?: unknown): unknown {
  const guarded = text === undefined ? pattern : guardMatcher(pattern, budgetOf(this.environment), '$contains');
  return original('contains').call(this, text, guarded);
}

/** `$replace` with a text pattern builds its result before any step: its length is counted first. */
function replace(this: Focus, text?: string, pattern?: unknown, replacement?: unknown, limit?: number): unknown {
  const budget = budgetOf(this.environment);
  if (typeof text === 'string' && typeof pattern === 'string' && pattern !== '' && typeof replacement === 'string') {
    let length = text.length;
    let count = 0;
    for (let at = text.indexOf(pattern); at !== -1 && (limit === undefined || count < limit); at = text.indexOf(pattern, at + pattern.length)) {
      count++;
      length += replacement.length - pattern.length;
    }
    if (length > budget.limits.maxStringLength) throw stringTooLong('$replace', length, budget.limits);
  }
  const guarded = text === undefined ? pattern : guardMatcher(pattern, budget, '$replace');
  return original('replace').call(this, text, guarded, replacement, limit);
}

/**
 * Name, implementation and JSONata 2.x's signature of each bounded built-in. Each takes as many
 * declared parameters as JSONata's own (`$map`, `$filter` and friends pass a function as many
 * arguments as it declares: `$map(xs, $string)` must not hand `$string` the index as `prettify`).
 */
export const BOUNDED_FUNCTIONS: readonly (readonly [string, Implementation, string])[] = [
  ['pad', pad as Implementation, '<s-ns?:s>'],
  ['join', join as Implementation, '<a<s>s?:s>'],
  ['string', string as Implementation, '<x-b?:s>'],
  ['clone', clone as Implementation, '<(oa)-:o>'],
  ['distinct', distinct as Implementation, '<x:x>'],
  ['sort', sort as Implementation, '<af?:a>'],
  ['match', match as Implementation, '<s-f<s:o>n?:a<o>>'],
  ['contains', contains as Implementation, '<s-(sf):b>'],
  ['split', split as Implementation, '<s-(sf)n?:a<s>>'],
  ['replace', replace as Implementation, '<s-(sf)(sf)n?:s>'],
];
