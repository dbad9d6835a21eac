import type { FlowProblem } from '../types';

/** Validation problem codes (UPPER_SNAKE, stable: the studio and the API match on them). */
export const ProblemCode = {
  INVALID_SHAPE: 'INVALID_SHAPE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  DUPLICATE_ID: 'DUPLICATE_ID',
  UNKNOWN_NODE_TYPE: 'UNKNOWN_NODE_TYPE',
  INVALID_CONFIG: 'INVALID_CONFIG',
  INVALID_EXPRESSION: 'INVALID_EXPRESSION',
  DANGLING_EDGE: 'DANGLING_EDGE',
  UNKNOWN_HANDLE: 'UNKNOWN_HANDLE',
  CYCLE: 'CYCLE',
  NO_TRIGGER: 'NO_TRIGGER',
  UNREACHABLE_NODE: 'UNREACHABLE_NODE',
} as const;

export type ProblemCode = (typeof ProblemCode)[keyof typeof ProblemCode];

/** Collects problems; `error`/`warning` keep call sites one line each. */
export class ProblemList {
  readonly items: FlowProblem[] = [];

  error(code: ProblemCode, message: string, at: { nodeId?: string; edgeId?: string } = {}): void {
    this.items.push({ ...at, code, message, severity: 'error' });
  }

  warning(code: ProblemCode, message: string, at: { nodeId?: string; edgeId?: string } = {}): void {
    this.items.push({ ...at, code, message, severity: 'warning' });
  }

  get hasErrors(): boolean {
    return this.items.some((problem) => problem.severity === 'error');
  }
}
