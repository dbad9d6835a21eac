import { PortableMigration } from '@omnitron/server-kit';

/**
 * Ephemeral runs (#17): a webhook call of a flow set `ephemeral` runs in the process that
 * received it and is recorded once at the end; its execution row says so.
 */
export class Migration0014EphemeralRuns extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      alter table "executions" add column "ephemeral" ${t.bool} not null default false;
    `);
  }
}
