import { PortableMigration } from '@omnitron/server-kit';

/**
 * Ephemeral webhook runs (#17): a flow whose webhook calls run in the process that received them
 * and are recorded once at the end, and whether such a flow may call outside the run (HTTP, AI).
 * Kept on the flow with the other settings, not on its versions.
 */
export class Migration0007EphemeralFlows extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      alter table "flows" add column "ephemeral" ${t.bool} not null default false;
      alter table "flows" add column "ephemeral_allow_effects" ${t.bool} not null default false;
    `);
  }
}
