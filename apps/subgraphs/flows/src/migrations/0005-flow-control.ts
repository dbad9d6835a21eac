import { PortableMigration } from '@omnitron/server-kit';

/**
 * Flow control (#21): a flow's concurrency limit, its concurrency key template and the limit per
 * key, its queue priority, and the flow started when one of its runs fails. Kept on the flow like
 * `active`, not on its versions: they say how the flow's runs are admitted, not what a run does.
 */
export class Migration0005FlowControl extends PortableMigration {
  override up(): void {
    this.statements(() => `
      alter table "flows" add column "concurrency_limit" int null;
      alter table "flows" add column "concurrency_key" varchar(500) null;
      alter table "flows" add column "concurrency_key_limit" int not null default 1;
      alter table "flows" add column "priority" int not null default 0;
      alter table "flows" add column "error_flow_id" varchar(36) null;
    `);
  }
}
