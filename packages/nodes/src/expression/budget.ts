import { getHeapStatistics } from 'node:v8';
import {
  arrayTooLong,
  heapExhausted,
  stringTooLong,
  timeLimitReached,
  valueTooLarge,
  type ExpressionLimits,
} from './limits';
import { valueSize } from './value-size';

/**
 * The binding that carries an evaluation's budget. It holds a space, which a JSONata variable
 * name cannot, so no expression can read, shadow or overwrite it (`$x := ...` at the top level
 * binds into the very frame the budget lives in).
 */
export const BUDGET_BINDING = 'omnitron budget';

/** Results at least this large are worth a look at the clock and the heap right away. */
const LARGE = 65_536;
/**
 * Steps between looks at the clock (a look costs about a tenth of a step). A step that produces
 * a large result, and every regex match, looks at once, so only steps that are slow yet produce
 * little (comparing two large values) can run a few past the deadline.
 */
const CLOCK_EVERY = 8;
/** Steps between heap checks when no step produces a large result. */
const HEAP_CHECK_EVERY = 1024;

/**
 * Steps that hand back a value that already exists: a variable, a field, the chosen branch of a
 * condition, the last expression of a block, a bound value. What they return was measured when it
 * was produced, or is part of what the run was given, so measuring it again would only cost time.
 * A predicate (`$x[[0, 0, 0]]` repeats items) or a group (`$x{...}`) on the step builds anew.
 */
const REFERENCE_STEPS = new Set(['variable', 'name', 'parent', 'condition', 'block', 'bind']);

/** The parts of a JSONata AST node the exit hook looks at. */
export interface StepNode {
  readonly type: string;
  readonly predicate?: unknown;
  readonly group?: unknown;
}

/** JSONata's frame, as its hooks and built-ins see it (`base` is the evaluation's root frame). */
export interface JsonataFrame {
  lookup(name: string | symbol): unknown;
  readonly base: { lookup(name: string | symbol): unknown };
}

/**
 * One evaluation's budget: its deadline, its limits and the values it was given. Checked after
 * every step (the clock, the size of what the step produced) and by the bounded built-ins.
 */
export class EvaluationBudget {
  private readonly deadline: number;
  private steps = 0;

  constructor(
    readonly limits: ExpressionLimits,
    /** The root value and bindings: already bounded by the platform (payload and output limits), never measured. */
    private readonly given: readonly unknown[],
  ) {
    this.deadline = Date.now() + limits.timeoutMs;
  }

  /**
   * After every step, with what it produced. The clock is read here rather than on entry: every
   * loop or recursion completes steps, and one hook keeps JSONata at one `await` per step.
   */
  exit(step: StepNode, result: unknown): void {
    const steps = ++this.steps;
    if (steps % CLOCK_EVERY === 0) {
      if (Date.now() > this.deadline) throw timeLimitReached(this.limits);
      if (steps % HEAP_CHECK_EVERY === 0) this.checkHeap();
    }
    if (REFERENCE_STEPS.has(step.type) && step.predicate === undefined && step.group === undefined) return;
    if (typeof result === 'string') {
      if (result.length > this.limits.maxStringLength) throw stringTooLong('a step', result.length, this.limits);
      if (result.length >= LARGE) this.checkpoint();
      return;
    }
    if (typeof result !== 'object' || result === null || this.given.includes(result)) return;
    if (Array.isArray(result) && result.length > this.limits.maxArrayLength) {
      throw arrayTooLong('a step', result.length, this.limits);
    }
    const size = valueSize(result, this.limits.maxValueSize);
    if (size > this.limits.maxValueSize) throw valueTooLarge('a step', this.limits);
    if (size >= LARGE) this.checkpoint();
  }

  /** Called per regex match: a single `$match` over a long text loops without any step. */
  tick(count: number, what: string): void {
    if (count > this.limits.maxArrayLength) throw arrayTooLong(what, count, this.limits);
    if (Date.now() > this.deadline) throw timeLimitReached(this.limits);
    if (count % HEAP_CHECK_EVERY === 0) this.checkHeap();
  }

  /** Written size of `value` if it is within `limit`; throws the value limit otherwise. */
  sizeWithin(value: unknown, limit: number, what: string): number {
    const size = valueSize(value, limit);
    if (size > limit) {
      throw limit === this.limits.maxValueSize ? valueTooLarge(what, this.limits) : stringTooLong(what, size, this.limits);
    }
    return size;
  }

  private checkpoint(): void {
    if (Date.now() > this.deadline) throw timeLimitReached(this.limits);
    this.checkHeap();
  }

  private checkHeap(): void {
    if (getHeapStatistics().used_heap_size > this.limits.heapCeilingBytes) throw heapExhausted(this.limits);
  }
}

/** The budget of the evaluation a hook or built-in runs in. */
export function budgetOf(frame: JsonataFrame): EvaluationBudget {
  const budget = frame.base.lookup(BUDGET_BINDING);
  if (!(budget instanceof EvaluationBudget)) {
    // Every evaluation goes through ExpressionEvaluator, which binds one; reaching here is a bug.
    throw new Error('expression evaluated without a budget');
  }
  return budget;
}
