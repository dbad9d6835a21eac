import { PortableMigration } from '@omnitron/server-kit';

/**
 * When a process last said it is running a run (`worker/run-host.ts`): the recover sweep leaves
 * alone a RUNNING run whose job Redis lost while a worker still runs it, and queues again one that
 * nothing runs any more (`worker/abandoned-runs.ts`).
 */
export class Migration0007RunHeartbeat extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      alter table "executions" add column "heartbeat_at" ${t.timestamp} null;
    `);
  }
}
