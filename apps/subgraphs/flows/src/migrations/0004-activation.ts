import { PortableMigration } from '@omnitron/server-kit';
import { triggerIndexOf } from '../domain/flow-triggers';

/**
 * Activation (#19): `active` (a flow's webhook and schedule triggers are registered only while it
 * is set) and `trigger_index`, the derived column `flows(triggerType:)` filters on.
 *
 * Flows saved before this migration kept their triggers live on every save, so the ones with a
 * webhook or schedule trigger start active: an upgrade must not silently stop an integration.
 * Every flow created after it starts inactive.
 */
export class Migration0004Activation extends PortableMigration {
  override async up(): Promise<void> {
    // Read before the new columns exist; the updates below run after the `alter`s.
    const rows = (await this.execute('select "id", "nodes" from "flows"')) as Array<{ id: string; nodes: unknown }>;
    this.statements((t) => `
      alter table "flows" add column "active" ${t.bool} not null default false;
      alter table "flows" add column "trigger_index" varchar(64) not null default '';
    `);
    for (const row of rows) {
      const nodes: unknown = typeof row.nodes === 'string' ? JSON.parse(row.nodes) : row.nodes;
      const index = triggerIndexOf(Array.isArray(nodes) ? nodes : []);
      if (index === '') continue;
      const live = /\|(webhook|schedule)\|/.test(index);
      // Both values come from a fixed vocabulary and a UUID column: nothing to escape but quotes.
      this.addSql(`update "flows" set "trigger_index" = '${index}', "active" = ${live ? 'true' : 'false'} where "id" = '${row.id.replace(/'/g, "''")}'`);
    }
  }
}
