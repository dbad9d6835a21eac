import { PortableMigration } from '@omnitron/server-kit';

/**
 * A trigger registration pins its flow's settings (#21) with its graph, so webhook and schedule
 * runs follow the flow's concurrency, priority and error flow without asking the flows subgraph.
 * Null on registrations synced before: their runs have no flow control until the next sync.
 */
export class Migration0013TriggerFlowSettings extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      alter table "trigger_registrations" add column "settings" ${t.json} null;
    `);
  }
}
