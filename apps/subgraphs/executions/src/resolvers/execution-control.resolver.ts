import { FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import type { Execution } from '../entities/execution.entity';
import { ExecutionType } from '../types/execution.type';

/** The flow control a run pinned at start, and the error flow links (see worker/flow-admission.ts, services/error-flow.ts). */
@Resolver(() => ExecutionType)
export class ExecutionControlResolver {
  /**
   * While QUEUED: why the run has not started, such as `waiting for a slot: key c-42`; while
   * WAITING: why its wait ended but it has not resumed (its flow's slot). Null otherwise.
   */
  @FieldResolver(() => String, { nullable: true })
  queuedReason(@Root() execution: Execution): string | null {
    return execution.status === 'QUEUED' || execution.status === 'WAITING' ? (execution.queuedReason ?? null) : null;
  }

  /** Its flow's priority when it started (-100..100; higher starts first). */
  @FieldResolver(() => Int)
  priority(@Root() execution: Execution): number {
    return execution.priority ?? 0;
  }

  /** The concurrency key its flow's key template gave for its input; null when the flow has none. */
  @FieldResolver(() => String, { nullable: true })
  concurrencyKey(@Root() execution: Execution): string | null {
    return execution.concurrencyKey ?? null;
  }

  /** The flow started if this run fails (its flow's error flow when it started). */
  @FieldResolver(() => ID, { nullable: true })
  errorFlowId(@Root() execution: Execution): string | null {
    return execution.errorFlowId ?? null;
  }

  /** On an error flow's run: the failed run it was started for. */
  @FieldResolver(() => ID, { nullable: true })
  errorOfExecutionId(@Root() execution: Execution): string | null {
    return execution.errorOfExecutionId ?? null;
  }
}
