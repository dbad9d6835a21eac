import { PortableMigration } from '@omnitron/server-kit';

/**
 * A flow's sample input (#20): the input its test runs start with, kept on the flow like its
 * settings (not on its versions) so every editor of the flow, in any browser, tests with it.
 */
export class Migration0008SampleInput extends PortableMigration {
  override up(): void {
    this.statements((t) => `
      alter table "flows" add column "sample_input" ${t.json} null;
    `);
  }
}
