import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Executions } from './0001-executions';
import { Migration0002RunsAndTriggers } from './0002-runs-and-triggers';
import { Migration0003NodeRunDurationPrecision } from './0003-node-run-duration-precision';
import { Migration0004ResumeOutputs } from './0004-resume-outputs';
import { Migration0005UnfinishedRunsIndex } from './0005-unfinished-runs-index';
import { Migration0006IdempotencyPerFlow } from './0006-idempotency-per-flow';
import { Migration0007RunHeartbeat } from './0007-run-heartbeat';
import { Migration0008PinnedFlowName } from './0008-pinned-flow-name';
import { Migration0009TestAndRetryRuns } from './0009-test-and-retry-runs';
import { Migration0010FlowControl } from './0010-flow-control';
import { Migration0011ExecutionWaits } from './0011-execution-waits';
import { Migration0012RunTriggerType } from './0012-run-trigger-type';
import { Migration0013TriggerFlowSettings } from './0013-trigger-flow-settings';
import { Migration0014EphemeralRuns } from './0014-ephemeral-runs';

/** Applied in order on start. Never edit a shipped migration: add the next one. */
export const migrations: MigrationObject[] = [
  { name: '0001-executions', class: Migration0001Executions },
  { name: '0002-runs-and-triggers', class: Migration0002RunsAndTriggers },
  { name: '0003-node-run-duration-precision', class: Migration0003NodeRunDurationPrecision },
  { name: '0004-resume-outputs', class: Migration0004ResumeOutputs },
  { name: '0005-unfinished-runs-index', class: Migration0005UnfinishedRunsIndex },
  { name: '0006-idempotency-per-flow', class: Migration0006IdempotencyPerFlow },
  { name: '0007-run-heartbeat', class: Migration0007RunHeartbeat },
  { name: '0008-pinned-flow-name', class: Migration0008PinnedFlowName },
  { name: '0009-test-and-retry-runs', class: Migration0009TestAndRetryRuns },
  { name: '0010-flow-control', class: Migration0010FlowControl },
  { name: '0011-execution-waits', class: Migration0011ExecutionWaits },
  { name: '0012-run-trigger-type', class: Migration0012RunTriggerType },
  { name: '0013-trigger-flow-settings', class: Migration0013TriggerFlowSettings },
  { name: '0014-ephemeral-runs', class: Migration0014EphemeralRuns },
];
