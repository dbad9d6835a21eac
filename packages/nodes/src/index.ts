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
  type NodeEffects,
  type NodeResult,
} from './catalog/node-definition';
export { generateWebhookPath, WEBHOOK_METHODS, type WebhookMethod } from './catalog/trigger.webhook/definition';
export { verifyWebhookSignature, signatureHeaderOf, type WebhookSignature } from './catalog/trigger.webhook/signature';
export { respond as respondNode, RESPOND_WITHHELD_HEADERS, type WebhookAnswer } from './catalog/respond/definition';
export { cronPatternError, isValidTimeZone, nextScheduleRun, nextScheduleRuns } from './catalog/trigger.schedule/definition';
export { FIELD_WIDGETS, type FieldWidget } from './catalog/field-meta';
export { previewExpression, PREVIEW_LIMITS, type ExpressionPreview, type PreviewError, type PreviewScope } from './expression/preview';

export {
  validateFlow,
  compileFlow,
  DEFAULT_MAX_NODES,
  type FlowCompilation,
  type ValidateOptions,
} from './validation/validate-flow';
export type { CompiledEdge, CompiledFlow, CompiledNode } from './validation/compiled-flow';
export { ProblemCode } from './validation/problem';

export { keyTemplateError, renderKeyTemplate } from './expression/key-template';

export { prepareFlow, runFlow, type PreparedFlow, type RunFlowOptions } from './engine/run-flow';
export { effectsOf, ephemeralRefusal, type EphemeralRefusal } from './engine/ephemeral';
export { MAX_WAIT_MS, untilOf } from './catalog/delay/wait-time';
export type { ApprovalAnswer, ApprovalField, DurableWaits, Suspension, WaitKind, WaitOutcome, WaitRequest } from './engine/suspension';
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
export { provablyFitsJson } from './json-size-bound';

export {
  credentialTypeSchemas,
  CREDENTIAL_TYPES,
  HTTP_CREDENTIAL_TYPES,
  isCredentialType,
  listCredentialTypes,
  secretFieldsOf,
  type CredentialFields,
  type CredentialType,
  type CredentialTypeDescription,
  type ResolvedCredential,
} from './credentials/credential-types';
export type { CredentialsService } from './credentials/credentials-service';
export { CredentialErrorCode, credentialError } from './credentials/credential-errors';
export { OAuth2Tokens } from './credentials/oauth2-tokens';
export { httpAuthorizationOf, withQuery, type HttpAuthorization } from './credentials/http-credential';
export { postgresTargetOf, type PostgresTarget } from './credentials/postgres-target';
export { checkCredential, type CredentialCheckDeps, type CredentialTestResult } from './credentials/check-credential';
export { MASKED, SecretMask } from './credentials/secret-mask';
