import { aiSummarize } from './ai-summarize';
import { codeCleanup } from './code-cleanup';
import { databaseReport } from './database-report';
import { fanOutMerge } from './fan-out-merge';
import { fetchAndBranch } from './fetch-and-branch';
import type { FlowTemplate } from './flow-template';
import { mapWithSubflow } from './map-with-subflow';
import { scheduledHealthCheck } from './scheduled-health-check';
import { webhookSwitchRouter } from './webhook-switch-router';
import { webhookTransformOutput } from './webhook-transform-output';

export type { FlowTemplate, TemplateSubflow } from './flow-template';
export { subflowRef } from './flow-template';

/** The built-in templates, in the order the studio lists them. */
export const FLOW_TEMPLATES: readonly FlowTemplate[] = [
  webhookTransformOutput,
  webhookSwitchRouter,
  fetchAndBranch,
  fanOutMerge,
  aiSummarize,
  scheduledHealthCheck,
  mapWithSubflow,
  codeCleanup,
  databaseReport,
];

export function findTemplate(id: string): FlowTemplate | undefined {
  return FLOW_TEMPLATES.find((template) => template.id === id);
}
