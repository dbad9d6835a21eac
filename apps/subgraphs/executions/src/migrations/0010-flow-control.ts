import { PortableMigration } from '@omnitron/server-kit';

/**
 * Flow control (#21): what a run pins of its flow's settings at start (priority, the flow-wide
 * limit, its rendered concurrency key and the limit per key, the error flow), why a queued run
 * waits (`queued_reason`), and on an error flow's run the failed run it handles.
 */
export class Migration0010FlowControl extends PortableMigration {
  override up(): void {
    this.statements(() => `
      alter table "executions" add column "priority" int not null default 0;
      alter table "executions" add column "concurrency_limit" int null;
      alter table "executions" add column "concurrency_key" varchar(200) null;
      alter table "executions" add column "concurrency_key_limit" int null;
      alter table "executions" add column "queued_reason" varchar(300) null;
      alter table "executions" add column "error_flow_id" varchar(36) null;
      alter table "executions" add column "error_of_execution_id" varchar(36) null;
    `);
  }
}
