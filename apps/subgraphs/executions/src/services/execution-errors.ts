import { ErrorCode, OmnitronError } from '@omnitron/schema';
import type { FlowProblem } from '@omnitron/nodes';

/** VALIDATION_FAILED with each problem, so the studio can mark the nodes. */
export function flowInvalid(problems: readonly Pick<FlowProblem, 'code' | 'message' | 'nodeId'>[]): OmnitronError {
  const first = problems[0];
  const summary = first ? `${first.nodeId ? `${first.nodeId}: ` : ''}${first.message}` : 'the flow is invalid';
  return new OmnitronError(ErrorCode.VALIDATION_FAILED, `The flow cannot run: ${summary}`, {
    problems: problems.map((p) => ({ code: p.code, message: p.message, nodeId: p.nodeId ?? null })),
  });
}

export const executionNotFound = (): OmnitronError => new OmnitronError(ErrorCode.NOT_FOUND, 'Execution not found');
export const flowNotFound = (): OmnitronError => new OmnitronError(ErrorCode.NOT_FOUND, 'Flow not found');
