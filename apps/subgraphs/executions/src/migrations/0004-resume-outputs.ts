import { PortableMigration } from '@omnitron/server-kit';

/** Full outputs of truncated node runs, kept while their execution runs (`ResumeOutput`). */
export class Migration0004ResumeOutputs extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      create table "resume_outputs" (
        "execution_id" varchar(36) not null,
        "node_id" varchar(200) not null,
        "output" ${t.json} null,
        primary key ("execution_id", "node_id")
      );
    `);
  }
}
