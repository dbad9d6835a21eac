import { Queue, type Job, type JobsOptions } from 'bullmq';
import { contextFromCarrier, inSpan, SpanKind, traceCarrier, type Attributes, type SpanOptions, type TraceCarrier } from '@omnitron/server-kit';
import type { ExecutionsJobData } from './run-queue';

/** What a job's data carries of the trace that queued it (tracing on): its W3C `traceparent`. */
export interface TracedJobData {
  readonly trace?: TraceCarrier;
}

/** A job's attributes on its spans: what it is and which run, never its data. */
function jobAttributes(queue: string, name: string, data: object): Attributes {
  const executionId = (data as { executionId?: unknown }).executionId;
  return {
    'messaging.system': 'bullmq',
    'messaging.destination.name': queue,
    'omnitron.job.name': name,
    ...(typeof executionId === 'string' ? { 'omnitron.execution.id': executionId } : {}),
  };
}

/**
 * The executions queue while tracing is on: each job is added in a PRODUCER span and carries that
 * span's `traceparent` in its data (`trace`), so the worker that takes it continues the trace of
 * the request or mutation that queued it, in whatever process it runs.
 */
export class TracedQueue extends Queue<ExecutionsJobData> {
  override add(name: string, data: ExecutionsJobData, opts?: JobsOptions): Promise<Job<ExecutionsJobData>> {
    return inSpan('executions', `enqueue ${name}`, { kind: SpanKind.PRODUCER, attributes: jobAttributes(this.name, name, data) }, () => {
      const trace = traceCarrier();
      const traced: TracedJobData = { ...data, trace };
      return super.add(name, trace ? (traced as ExecutionsJobData) : data, opts);
    });
  }
}

/** The CONSUMER span of a job taken by a worker: a child of the span that queued it. */
export function jobSpanOptions(job: Job<object>): SpanOptions {
  return {
    kind: SpanKind.CONSUMER,
    parent: contextFromCarrier((job.data as TracedJobData).trace),
    attributes: { ...jobAttributes(job.queueName, job.name, job.data), 'omnitron.job.attempt': job.attemptsMade + 1 },
  };
}
