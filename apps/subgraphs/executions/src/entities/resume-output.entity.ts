import { defineEntity, p } from '@mikro-orm/core';

/**
 * The full output of a node whose `NodeRun.output` was stored truncated, kept only while its
 * execution runs: a resumed run feeds downstream nodes this, not the preview. Deleted when the
 * execution settles (and by retention), so the API and lists never read these rows.
 */
export const ResumeOutputSchema = defineEntity({
  name: 'ResumeOutput',
  tableName: 'resume_outputs',
  properties: {
    executionId: p.uuid().primary(),
    nodeId: p.string().length(200).primary(),
    output: p.json<unknown>().nullable(),
  },
});

export class ResumeOutput extends ResumeOutputSchema.class {}
ResumeOutputSchema.setClass(ResumeOutput);
