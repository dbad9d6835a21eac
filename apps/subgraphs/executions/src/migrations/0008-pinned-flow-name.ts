import { PortableMigration } from '@omnitron/server-kit';

/**
 * The flow's name as of the version a run (or a trigger registration) pinned: a run keeps naming
 * its flow after the flow is deleted and purged, when the flows subgraph no longer resolves it.
 * Null on rows written before this migration.
 */
export class Migration0008PinnedFlowName extends PortableMigration {
  override up(): void {
    this.statements(() => `
      alter table "executions" add column "flow_name" varchar(200) null;
      alter table "trigger_registrations" add column "flow_name" varchar(200) null;
    `);
  }
}
