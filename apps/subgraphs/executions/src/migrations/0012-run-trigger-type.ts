import { PortableMigration } from '@omnitron/server-kit';

/**
 * `trigger_type`: the type of the trigger node a run started from (`trigger.webhook`,
 * `trigger.schedule`; null when started by hand), so the Executions page filters runs by trigger
 * without reading each pinned graph. Runs from before it read as started by hand.
 */
export class Migration0012RunTriggerType extends PortableMigration {
  override up(): void {
    this.statements(() => `
      alter table "executions" add column "trigger_type" varchar(100) null;
    `);
  }
}
