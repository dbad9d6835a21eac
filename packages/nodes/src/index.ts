export type * from './types';
export { ErrorCode, NodeError, toNodeError } from './errors';

export { listNodeTypes, getNodeDefinition, type NodeTypeDescription } from './catalog';
export {
  commonFields,
  defineNode,
  isTrigger,
  type CommonConfig,
  type NodeCategory,
  type NodeContext,
  type NodeDefinition,
  type NodeResult,
} from './catalog/node-definition';
export { generateWebhookPath } from './catalog/trigger.webhook/definition';
export { cronPatternError, nextScheduleRun } from './catalog/trigger.schedule/definition';

export {
  validateFlow,
  compileFlow,
  DEFAULT_MAX_NODES,
  type FlowCompilation,
  type ValidateOptions,
} from './validation/validate-flow';
export type { CompiledEdge, CompiledFlow, CompiledNode } from './validation/compiled-flow';
export { ProblemCode } from './validation/problem';

export { runFlow, type RunFlowOptions } from './engine/run-flow';
export {
  findTriggers,
  findWebhookPath,
  scheduleOf,
  webhookTriggersOf,
  type ScheduleTrigger,
  type WebhookTrigger,
} from './engine/triggers';

export { nonPublicReason } from './http/address-policy';
export { plainlyBlockedReason } from './http/vet-target';
export { OutboundClient, type OutboundRequest, type OutboundResponse } from './http/outbound-client';
export { outboundPolicyOf, outboundPolicySettings, type OutboundPolicySettings } from './http/outbound-settings';

export {
  droppedOf,
  fitLine,
  lineCost,
  LogBudget,
  LOG_LINE_OVERHEAD_BYTES,
  MIN_LOG_BUDGET_BYTES,
  MIN_LOG_LINE_BYTES,
  type DropMarker,
  type DroppedLogs,
} from './logs/log-budget';
export { utf8Length, utf8Prefix } from './logs/utf8';
