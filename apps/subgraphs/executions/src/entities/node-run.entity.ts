import { defineEntity, p } from '@mikro-orm/core';
import type { NodeRunStatus } from '@omnitron/schema';

/** One node's committed result in one execution; the worker resumes from these. */
export const NodeRunSchema = defineEntity({
  name: 'NodeRun',
  tableName: 'node_runs',
  properties: {
    executionId: p.uuid().primary(),
    nodeId: p.string().length(200).primary(),
    status: p.string().length(16).$type<NodeRunStatus>(),
    attempts: p.integer(),
    input: p.json<unknown>().nullable(),
    output: p.json<unknown>().nullable(),
    /** The output was over NODE_OUTPUT_MAX_BYTES: `output` holds a preview. */
    outputTruncated: p.boolean().default(false),
    error: p.json<{ code: string; message: string }>().nullable(),
    /** Each failed attempt's error, in order (retries included). */
    attemptErrors: p.json<Array<{ attempt: number; code: string; message: string }>>().nullable(),
    handle: p.string().length(200).nullable(),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    /** Milliseconds, with the engine's sub-millisecond precision. */
    durationMs: p.float().nullable(),
  },
});

export class NodeRun extends NodeRunSchema.class {}
NodeRunSchema.setClass(NodeRun);
