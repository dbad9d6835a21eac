import { RE2JS, type Matcher } from 're2js';

/**
 * JSONata's regex engine for expressions: RE2 (re2js, pure JS) matches in time linear in the
 * text, so no pattern can backtrack catastrophically (`/^(a+)+$/` on 30 characters takes V8's
 * engine minutes). The price is RE2's feature set: backreferences and lookaheads are refused
 * (lookbehinds without captures are kept), and `\s`, `\w`, `\d` are ASCII classes.
 *
 * JSONata constructs its engine with the literal's RegExp and uses `lastIndex` and `exec` the way
 * it uses a global RegExp: search from `lastIndex`, leave `lastIndex` at the match's end.
 */

const compiled = new WeakMap<RegExp, RE2JS>();

/** `\k<name>`: JS named backreference, which re2js's translation would silently turn into text. */
function hasNamedBackreference(source: string): boolean {
  for (let index = 0; index < source.length; index++) {
    if (source[index] !== '\\') continue;
    if (source[index + 1] === 'k' && source[index + 2] === '<') return true;
    index++;
  }
  return false;
}

/** The linear-time form of a regex literal; throws a JSONata-shaped error naming the literal when RE2 cannot express it. */
export function linearPattern(regex: RegExp): RE2JS {
  const known = compiled.get(regex);
  if (known !== undefined) return known;
  let pattern: RE2JS;
  try {
    if (hasNamedBackreference(regex.source)) throw new Error('backreferences are not supported');
    pattern = RE2JS.compile(RE2JS.translateRegExp(regex), RE2JS.LOOKBEHINDS);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw {
      code: 'OMNITRON_REGEX',
      message: `regular expression /${regex.source}/ cannot run in linear time (${reason}); backreferences and lookaheads are not supported`,
    };
  }
  compiled.set(regex, pattern);
  return pattern;
}

/** The RegExp-like object JSONata's `RegexEngine` option expects. */
export class LinearRegExp {
  lastIndex = 0;
  private readonly pattern: RE2JS;
  private text: string | undefined;
  private matcher: Matcher | undefined;

  constructor(regex: RegExp) {
    this.pattern = linearPattern(regex);
  }

  exec(text: string): (string | undefined)[] & { index: number } | null {
    if (this.text !== text || this.matcher === undefined) {
      this.matcher = this.pattern.matcher(text);
      this.text = text;
    }
    const matcher = this.matcher;
    if (this.lastIndex > text.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let group = 0; group <= matcher.groupCount(); group++) groups.push(matcher.group(group) ?? undefined);
    this.lastIndex = matcher.end();
    return Object.assign(groups, { index: matcher.start() });
  }
}

/** Every regex literal in a parsed expression, so an unsupported one fails validation, not a run. */
export function assertLinearRegexes(ast: unknown, seen = new Set<object>()): void {
  if (typeof ast !== 'object' || ast === null || seen.has(ast)) return;
  seen.add(ast);
  if (ast instanceof RegExp) {
    linearPattern(ast);
    return;
  }
  for (const child of Array.isArray(ast) ? ast : Object.values(ast)) assertLinearRegexes(child, seen);
}
