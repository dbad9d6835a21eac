import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001Flows } from './0001-flows';
import { Migration0002VersionsValidationSearch } from './0002-versions-validation-search';
import { Migration0003PendingFlowChanges } from './0003-pending-flow-changes';
import { Migration0004Activation } from './0004-activation';
import { Migration0005FlowControl } from './0005-flow-control';
import { Migration0007EphemeralFlows } from './0007-ephemeral-flows';
import { Migration0008SampleInput } from './0008-sample-input';

/** Applied in order on start. Never edit a shipped migration: add the next one. */
export const migrations: MigrationObject[] = [
  { name: '0001-flows', class: Migration0001Flows },
  { name: '0002-versions-validation-search', class: Migration0002VersionsValidationSearch },
  { name: '0003-pending-flow-changes', class: Migration0003PendingFlowChanges },
  { name: '0004-activation', class: Migration0004Activation },
  { name: '0005-flow-control', class: Migration0005FlowControl },
  { name: '0007-ephemeral-flows', class: Migration0007EphemeralFlows },
  { name: '0008-sample-input', class: Migration0008SampleInput },
];
