/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user { id email name }\n    workspace { id name }\n    role\n  }\n": typeof types.SessionFieldsFragmentDoc,
    "\n  mutation Register($input: RegisterInput!) { register(input: $input) { ...SessionFields } }\n": typeof types.RegisterDocument,
    "\n  mutation Login($input: LoginInput!) { login(input: $input) { ...SessionFields } }\n": typeof types.LoginDocument,
    "\n  mutation RefreshSession($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ...SessionFields } }\n": typeof types.RefreshSessionDocument,
    "\n  mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n": typeof types.LogoutDocument,
    "\n  query Me { me { id email name } }\n": typeof types.MeDocument,
    "\n  query Workspaces { workspaces { id name personal myRole } }\n": typeof types.WorkspacesDocument,
    "\n  mutation SwitchWorkspace($workspaceId: ID!) { switchWorkspace(workspaceId: $workspaceId) { ...SessionFields } }\n": typeof types.SwitchWorkspaceDocument,
    "\n  query ApiKeys { apiKeys { id name scopes displayPrefix lastUsedAt createdAt } }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { id name scopes displayPrefix lastUsedAt createdAt } }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) }\n": typeof types.RevokeApiKeyDocument,
    "\n  query Credentials { credentials { id name type createdAt updatedAt lastUsedAt } }\n": typeof types.CredentialsDocument,
    "\n  query CredentialTypes { credentialTypes { type fieldsSchema secretFields } }\n": typeof types.CredentialTypesDocument,
    "\n  mutation CreateCredential($input: CredentialInput!) { createCredential(input: $input) { id name type } }\n": typeof types.CreateCredentialDocument,
    "\n  mutation UpdateCredential($id: ID!, $input: CredentialInput!) { updateCredential(id: $id, input: $input) { id name type updatedAt } }\n": typeof types.UpdateCredentialDocument,
    "\n  mutation DeleteCredential($id: ID!) { deleteCredential(id: $id) }\n": typeof types.DeleteCredentialDocument,
    "\n  mutation TestCredential($id: ID!) { testCredential(id: $id) { ok code message } }\n": typeof types.TestCredentialDocument,
    "\n  query FlowsUsingCredential($name: String!) { flowsUsingCredential(name: $name) { id name } }\n": typeof types.FlowsUsingCredentialDocument,
    "\n  query Dashboard($from: DateTime) {\n    executions(first: 500, from: $from) { edges { node { id status createdAt durationMs } } }\n    flows(first: 50) { edges { node { id name stats { runs successRate p50DurationMs p95DurationMs } } } }\n    identityStatus { service ready }\n    flowsStatus { service ready }\n    executionsStatus { service ready }\n    intelligenceStatus { service ready }\n  }\n": typeof types.DashboardDocument,
    "\n  query ExecutionList($flowId: ID, $status: ExecutionStatus, $trigger: ExecutionTrigger, $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n    executions(flowId: $flowId, status: $status, trigger: $trigger, from: $from, to: $to, first: $first, after: $after) {\n      edges { cursor node { id status trigger queuedReason createdAt startedAt finishedAt durationMs flowName flow { id } } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n": typeof types.ExecutionListDocument,
    "\n  query ExecutionFlowOptions { flows(first: 100) { edges { node { id name } } } }\n": typeof types.ExecutionFlowOptionsDocument,
    "\n  mutation DeleteExecution($id: ID!) { deleteExecution(id: $id) }\n": typeof types.DeleteExecutionDocument,
    "\n  mutation RetryRun($id: ID!) { retryExecution(id: $id) { id status } }\n": typeof types.RetryRunDocument,
    "\n  fragment ExecutionDetail on Execution {\n    id status input output durationMs startedAt finishedAt createdAt\n    error { code message nodeId }\n    flowName\n    flow { id }\n    queuedReason errorOfExecutionId\n    nodeRuns { nodeId status attempts input output handle error { code message } attemptErrors { attempt code message } startedAt finishedAt }\n    logs { seq nodeId level message at }\n    waits { nodeId kind until event }\n  }\n": typeof types.ExecutionDetailFragmentDoc,
    "\n  mutation StartExecution($flowId: ID!, $input: JSON, $idempotencyKey: String) {\n    startExecution(flowId: $flowId, input: $input, idempotencyKey: $idempotencyKey) { id status }\n  }\n": typeof types.StartExecutionDocument,
    "\n  mutation CancelExecution($id: ID!) { cancelExecution(id: $id) { id status } }\n": typeof types.CancelExecutionDocument,
    "\n  query Execution($id: ID!) { execution(id: $id) { ...ExecutionDetail flowVersion flowGraph test retryOfId retryFromNodeId } }\n": typeof types.ExecutionDocument,
    "\n  query CurrentFlowVersion($id: ID!) { flow(id: $id) { id version } }\n": typeof types.CurrentFlowVersionDocument,
    "\n  subscription ExecutionEvents($executionId: ID!, $afterSeq: Int) {\n    executionEvents(executionId: $executionId, afterSeq: $afterSeq) {\n      seq type nodeId at data\n      execution { id status }\n    }\n  }\n": typeof types.ExecutionEventsDocument,
    "\n  mutation TestNode($flowId: ID!, $graph: JSON!, $nodeId: String!, $usePinned: Boolean, $input: JSON) {\n    testNode(flowId: $flowId, graph: $graph, nodeId: $nodeId, usePinned: $usePinned, input: $input) { id status test }\n  }\n": typeof types.TestNodeDocument,
    "\n  mutation RetryExecution($id: ID!, $fromNodeId: String, $version: RetryVersion) {\n    retryExecution(id: $id, fromNodeId: $fromNodeId, version: $version) { id status retryOfId retryFromNodeId }\n  }\n": typeof types.RetryExecutionDocument,
    "\n  query LastNodeRun($flowId: ID!, $nodeId: String!) {\n    lastNodeRun(flowId: $flowId, nodeId: $nodeId) {\n      execution { id test createdAt }\n      nodeRun { nodeId status input output outputTruncated durationMs error { code message } }\n    }\n  }\n": typeof types.LastNodeRunDocument,
    "\n  query EvaluateExpression($expression: String!, $template: Boolean, $context: JSON) {\n    evaluateExpression(expression: $expression, template: $template, context: $context) { hasValue value error { code message position } }\n  }\n": typeof types.EvaluateExpressionDocument,
    "\n  query FlowSettings($id: ID!) {\n    flow(id: $id) {\n      id\n      settings { concurrencyLimit concurrencyKey concurrencyKeyLimit priority errorFlowId ephemeral ephemeralAllowEffects }\n    }\n    flows(first: 100) { edges { node { id name } } }\n  }\n": typeof types.FlowSettingsDocument,
    "\n  mutation UpdateFlowSettings($id: ID!, $input: FlowSettingsInput!) {\n    updateFlowSettings(id: $id, input: $input) {\n      id\n      settings { concurrencyLimit concurrencyKey concurrencyKeyLimit priority errorFlowId ephemeral ephemeralAllowEffects }\n    }\n  }\n": typeof types.UpdateFlowSettingsDocument,
    "\n  query FlowVersionHistory($id: ID!) {\n    flow(id: $id) {\n      id version\n      versions(first: 50) { edges { node { version message createdAt author { id name email } } } }\n    }\n  }\n": typeof types.FlowVersionHistoryDocument,
    "\n  query FlowVersionContent($flowId: ID!, $version: Int!) {\n    flowVersion(flowId: $flowId, version: $version) { version nodes edges author { id name email } createdAt }\n  }\n": typeof types.FlowVersionContentDocument,
    "\n  query Flows($first: Int, $after: String, $search: String, $tag: String, $active: Boolean, $triggerType: FlowTriggerType) {\n    flows(first: $first, after: $after, search: $search, tag: $tag, active: $active, triggerType: $triggerType) {\n      edges { cursor node { id name description tags version updatedAt active triggerTypes } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n": typeof types.FlowsDocument,
    "\n  query Flow($id: ID!) {\n    flow(id: $id) {\n      id name description tags nodes edges version updatedAt\n      problems { nodeId edgeId code message severity }\n    }\n  }\n": typeof types.FlowDocument,
    "\n  query FlowActivation($id: ID!) { flow(id: $id) { id version active triggerTypes } }\n": typeof types.FlowActivationDocument,
    "\n  mutation ActivateFlow($id: ID!) { activateFlow(id: $id) { id version active triggerTypes } }\n": typeof types.ActivateFlowDocument,
    "\n  mutation DeactivateFlow($id: ID!) { deactivateFlow(id: $id) { id version active triggerTypes } }\n": typeof types.DeactivateFlowDocument,
    "\n  query FlowVersions($id: ID!) {\n    flow(id: $id) {\n      id version\n      versions(first: 50) { edges { node { version message createdAt } } }\n    }\n  }\n": typeof types.FlowVersionsDocument,
    "\n  query NodeTypes { nodeTypes { type title description category icon inputs outputs dynamicOutputs outputsPerItem { field prefix } conditionalOutputs { field equals handle } configSchema } }\n": typeof types.NodeTypesDocument,
    "\n  query FlowTemplates {\n    flowTemplates {\n      id name description category tags sampleInput\n      needs { kind nodeId nodeType field credentialTypes }\n    }\n  }\n": typeof types.FlowTemplatesDocument,
    "\n  mutation CreateFlow($input: FlowInput!, $message: String) { createFlow(input: $input, message: $message) { id name version } }\n": typeof types.CreateFlowDocument,
    "\n  mutation UpdateFlow($id: ID!, $input: FlowInput!, $expectedVersion: Int, $message: String) {\n    updateFlow(id: $id, input: $input, expectedVersion: $expectedVersion, message: $message) {\n      id name description tags nodes edges version updatedAt\n      problems { nodeId edgeId code message severity }\n    }\n  }\n": typeof types.UpdateFlowDocument,
    "\n  query DeletedFlows($first: Int) {\n    deletedFlows(first: $first) { edges { node { id name tags version deletedAt } } }\n  }\n": typeof types.DeletedFlowsDocument,
    "\n  mutation RestoreFlow($id: ID!) { restoreFlow(id: $id) { id name } }\n": typeof types.RestoreFlowDocument,
    "\n  query ExportFlow($id: ID!) { exportFlow(id: $id) }\n": typeof types.ExportFlowDocument,
    "\n  mutation ImportFlow($document: JSON!) { importFlow(document: $document) { id name version } }\n": typeof types.ImportFlowDocument,
    "\n  mutation DeleteFlow($id: ID!) { deleteFlow(id: $id) }\n": typeof types.DeleteFlowDocument,
    "\n  mutation ValidateFlow($input: FlowInput!) {\n    validateFlow(input: $input) { valid problems { nodeId edgeId code message severity } }\n  }\n": typeof types.ValidateFlowDocument,
    "\n  mutation RestoreFlowVersion($id: ID!, $version: Int!) {\n    restoreFlowVersion(id: $id, version: $version) { id name description tags nodes edges version updatedAt }\n  }\n": typeof types.RestoreFlowVersionDocument,
    "\n  mutation CreateFlowFromTemplate($templateId: ID!, $name: String) {\n    createFlowFromTemplate(templateId: $templateId, name: $name) { id name version }\n  }\n": typeof types.CreateFlowFromTemplateDocument,
    "\n  query FlowAnalysis($id: ID!) {\n    flow(id: $id) {\n      id\n      analysis { nodeCount depth criticalPath unreachableNodes suggestions { code message nodeIds } }\n    }\n  }\n": typeof types.FlowAnalysisDocument,
    "\n  query FlowSampleInput($id: ID!) { flow(id: $id) { id sampleInput } }\n": typeof types.FlowSampleInputDocument,
    "\n  mutation SetFlowSampleInput($id: ID!, $json: String) { setFlowSampleInput(id: $id, json: $json) { id sampleInput } }\n": typeof types.SetFlowSampleInputDocument,
    "\n  query AiProviders {\n    aiProviders { name kind models taskTypes priority status circuitState latencyP50Ms latencyP95Ms errorRate quotaUsed }\n  }\n": typeof types.AiProvidersDocument,
    "\n  mutation ConfigureAiProvider($input: AiProviderInput!) { configureAiProvider(input: $input) { name kind models } }\n": typeof types.ConfigureAiProviderDocument,
    "\n  mutation TestAiProvider($name: String!) { testAiProvider(name: $name) { ok latencyMs model error } }\n": typeof types.TestAiProviderDocument,
    "\n  query SearchFlows($query: String!, $first: Int) {\n    searchFlows(query: $query, first: $first) { ranking flow { id name description tags version updatedAt } }\n  }\n": typeof types.SearchFlowsDocument,
    "\n  fragment InvitationFields on WorkspaceInvitation {\n    id\n    email\n    role\n    invitedAt\n    expiresAt\n    workspace { id name }\n  }\n": typeof types.InvitationFieldsFragmentDoc,
    "\n  fragment MemberFields on WorkspaceMember {\n    role\n    joinedAt\n    user { id email name }\n  }\n": typeof types.MemberFieldsFragmentDoc,
    "\n  query WorkspaceMembers($id: ID!) { workspace(id: $id) { id name myRole personalOwner { id } members { ...MemberFields } } }\n": typeof types.WorkspaceMembersDocument,
    "\n  query WorkspaceInvitations($workspaceId: ID!) { workspaceInvitations(workspaceId: $workspaceId) { ...InvitationFields } }\n": typeof types.WorkspaceInvitationsDocument,
    "\n  query MyInvitations { myInvitations { ...InvitationFields } }\n": typeof types.MyInvitationsDocument,
    "\n  mutation InviteMember($workspaceId: ID!, $email: String!, $role: WorkspaceRole!) {\n    inviteMember(workspaceId: $workspaceId, email: $email, role: $role) { token invitation { ...InvitationFields } }\n  }\n": typeof types.InviteMemberDocument,
    "\n  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) }\n": typeof types.RevokeInvitationDocument,
    "\n  query InvitationByToken($token: String!) { invitationByToken(token: $token) { ...InvitationFields } }\n": typeof types.InvitationByTokenDocument,
    "\n  mutation AcceptInvitation($token: String!) { acceptInvitation(token: $token) { id name myRole } }\n": typeof types.AcceptInvitationDocument,
    "\n  mutation ChangeMemberRole($workspaceId: ID!, $userId: ID!, $role: WorkspaceRole!) {\n    changeMemberRole(workspaceId: $workspaceId, userId: $userId, role: $role) { ...MemberFields }\n  }\n": typeof types.ChangeMemberRoleDocument,
    "\n  mutation RemoveMember($workspaceId: ID!, $userId: ID!) { removeMember(workspaceId: $workspaceId, userId: $userId) }\n": typeof types.RemoveMemberDocument,
    "\n  query RemainingWorkspaces { workspaces { id personalOwner { id } } }\n": typeof types.RemainingWorkspacesDocument,
    "\n  query SchedulePreview($cron: String!, $timezone: String!, $count: Int) { schedulePreview(cron: $cron, timezone: $timezone, count: $count) }\n": typeof types.SchedulePreviewDocument,
    "\n  mutation ListenForTestWebhook($flowId: ID!, $nodeId: String!, $draft: WebhookTestDraftInput) {\n    listenForTestWebhook(flowId: $flowId, nodeId: $nodeId, draft: $draft) { id path status expiresAt executionId }\n  }\n": typeof types.ListenForTestWebhookDocument,
    "\n  query WebhookTestListen($id: ID!) { webhookTestListen(id: $id) { id status executionId expiresAt } }\n": typeof types.WebhookTestListenDocument,
};
const documents: Documents = {
    "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user { id email name }\n    workspace { id name }\n    role\n  }\n": types.SessionFieldsFragmentDoc,
    "\n  mutation Register($input: RegisterInput!) { register(input: $input) { ...SessionFields } }\n": types.RegisterDocument,
    "\n  mutation Login($input: LoginInput!) { login(input: $input) { ...SessionFields } }\n": types.LoginDocument,
    "\n  mutation RefreshSession($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ...SessionFields } }\n": types.RefreshSessionDocument,
    "\n  mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n": types.LogoutDocument,
    "\n  query Me { me { id email name } }\n": types.MeDocument,
    "\n  query Workspaces { workspaces { id name personal myRole } }\n": types.WorkspacesDocument,
    "\n  mutation SwitchWorkspace($workspaceId: ID!) { switchWorkspace(workspaceId: $workspaceId) { ...SessionFields } }\n": types.SwitchWorkspaceDocument,
    "\n  query ApiKeys { apiKeys { id name scopes displayPrefix lastUsedAt createdAt } }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { id name scopes displayPrefix lastUsedAt createdAt } }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) }\n": types.RevokeApiKeyDocument,
    "\n  query Credentials { credentials { id name type createdAt updatedAt lastUsedAt } }\n": types.CredentialsDocument,
    "\n  query CredentialTypes { credentialTypes { type fieldsSchema secretFields } }\n": types.CredentialTypesDocument,
    "\n  mutation CreateCredential($input: CredentialInput!) { createCredential(input: $input) { id name type } }\n": types.CreateCredentialDocument,
    "\n  mutation UpdateCredential($id: ID!, $input: CredentialInput!) { updateCredential(id: $id, input: $input) { id name type updatedAt } }\n": types.UpdateCredentialDocument,
    "\n  mutation DeleteCredential($id: ID!) { deleteCredential(id: $id) }\n": types.DeleteCredentialDocument,
    "\n  mutation TestCredential($id: ID!) { testCredential(id: $id) { ok code message } }\n": types.TestCredentialDocument,
    "\n  query FlowsUsingCredential($name: String!) { flowsUsingCredential(name: $name) { id name } }\n": types.FlowsUsingCredentialDocument,
    "\n  query Dashboard($from: DateTime) {\n    executions(first: 500, from: $from) { edges { node { id status createdAt durationMs } } }\n    flows(first: 50) { edges { node { id name stats { runs successRate p50DurationMs p95DurationMs } } } }\n    identityStatus { service ready }\n    flowsStatus { service ready }\n    executionsStatus { service ready }\n    intelligenceStatus { service ready }\n  }\n": types.DashboardDocument,
    "\n  query ExecutionList($flowId: ID, $status: ExecutionStatus, $trigger: ExecutionTrigger, $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n    executions(flowId: $flowId, status: $status, trigger: $trigger, from: $from, to: $to, first: $first, after: $after) {\n      edges { cursor node { id status trigger queuedReason createdAt startedAt finishedAt durationMs flowName flow { id } } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n": types.ExecutionListDocument,
    "\n  query ExecutionFlowOptions { flows(first: 100) { edges { node { id name } } } }\n": types.ExecutionFlowOptionsDocument,
    "\n  mutation DeleteExecution($id: ID!) { deleteExecution(id: $id) }\n": types.DeleteExecutionDocument,
    "\n  mutation RetryRun($id: ID!) { retryExecution(id: $id) { id status } }\n": types.RetryRunDocument,
    "\n  fragment ExecutionDetail on Execution {\n    id status input output durationMs startedAt finishedAt createdAt\n    error { code message nodeId }\n    flowName\n    flow { id }\n    queuedReason errorOfExecutionId\n    nodeRuns { nodeId status attempts input output handle error { code message } attemptErrors { attempt code message } startedAt finishedAt }\n    logs { seq nodeId level message at }\n    waits { nodeId kind until event }\n  }\n": types.ExecutionDetailFragmentDoc,
    "\n  mutation StartExecution($flowId: ID!, $input: JSON, $idempotencyKey: String) {\n    startExecution(flowId: $flowId, input: $input, idempotencyKey: $idempotencyKey) { id status }\n  }\n": types.StartExecutionDocument,
    "\n  mutation CancelExecution($id: ID!) { cancelExecution(id: $id) { id status } }\n": types.CancelExecutionDocument,
    "\n  query Execution($id: ID!) { execution(id: $id) { ...ExecutionDetail flowVersion flowGraph test retryOfId retryFromNodeId } }\n": types.ExecutionDocument,
    "\n  query CurrentFlowVersion($id: ID!) { flow(id: $id) { id version } }\n": types.CurrentFlowVersionDocument,
    "\n  subscription ExecutionEvents($executionId: ID!, $afterSeq: Int) {\n    executionEvents(executionId: $executionId, afterSeq: $afterSeq) {\n      seq type nodeId at data\n      execution { id status }\n    }\n  }\n": types.ExecutionEventsDocument,
    "\n  mutation TestNode($flowId: ID!, $graph: JSON!, $nodeId: String!, $usePinned: Boolean, $input: JSON) {\n    testNode(flowId: $flowId, graph: $graph, nodeId: $nodeId, usePinned: $usePinned, input: $input) { id status test }\n  }\n": types.TestNodeDocument,
    "\n  mutation RetryExecution($id: ID!, $fromNodeId: String, $version: RetryVersion) {\n    retryExecution(id: $id, fromNodeId: $fromNodeId, version: $version) { id status retryOfId retryFromNodeId }\n  }\n": types.RetryExecutionDocument,
    "\n  query LastNodeRun($flowId: ID!, $nodeId: String!) {\n    lastNodeRun(flowId: $flowId, nodeId: $nodeId) {\n      execution { id test createdAt }\n      nodeRun { nodeId status input output outputTruncated durationMs error { code message } }\n    }\n  }\n": types.LastNodeRunDocument,
    "\n  query EvaluateExpression($expression: String!, $template: Boolean, $context: JSON) {\n    evaluateExpression(expression: $expression, template: $template, context: $context) { hasValue value error { code message position } }\n  }\n": types.EvaluateExpressionDocument,
    "\n  query FlowSettings($id: ID!) {\n    flow(id: $id) {\n      id\n      settings { concurrencyLimit concurrencyKey concurrencyKeyLimit priority errorFlowId ephemeral ephemeralAllowEffects }\n    }\n    flows(first: 100) { edges { node { id name } } }\n  }\n": types.FlowSettingsDocument,
    "\n  mutation UpdateFlowSettings($id: ID!, $input: FlowSettingsInput!) {\n    updateFlowSettings(id: $id, input: $input) {\n      id\n      settings { concurrencyLimit concurrencyKey concurrencyKeyLimit priority errorFlowId ephemeral ephemeralAllowEffects }\n    }\n  }\n": types.UpdateFlowSettingsDocument,
    "\n  query FlowVersionHistory($id: ID!) {\n    flow(id: $id) {\n      id version\n      versions(first: 50) { edges { node { version message createdAt author { id name email } } } }\n    }\n  }\n": types.FlowVersionHistoryDocument,
    "\n  query FlowVersionContent($flowId: ID!, $version: Int!) {\n    flowVersion(flowId: $flowId, version: $version) { version nodes edges author { id name email } createdAt }\n  }\n": types.FlowVersionContentDocument,
    "\n  query Flows($first: Int, $after: String, $search: String, $tag: String, $active: Boolean, $triggerType: FlowTriggerType) {\n    flows(first: $first, after: $after, search: $search, tag: $tag, active: $active, triggerType: $triggerType) {\n      edges { cursor node { id name description tags version updatedAt active triggerTypes } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n": types.FlowsDocument,
    "\n  query Flow($id: ID!) {\n    flow(id: $id) {\n      id name description tags nodes edges version updatedAt\n      problems { nodeId edgeId code message severity }\n    }\n  }\n": types.FlowDocument,
    "\n  query FlowActivation($id: ID!) { flow(id: $id) { id version active triggerTypes } }\n": types.FlowActivationDocument,
    "\n  mutation ActivateFlow($id: ID!) { activateFlow(id: $id) { id version active triggerTypes } }\n": types.ActivateFlowDocument,
    "\n  mutation DeactivateFlow($id: ID!) { deactivateFlow(id: $id) { id version active triggerTypes } }\n": types.DeactivateFlowDocument,
    "\n  query FlowVersions($id: ID!) {\n    flow(id: $id) {\n      id version\n      versions(first: 50) { edges { node { version message createdAt } } }\n    }\n  }\n": types.FlowVersionsDocument,
    "\n  query NodeTypes { nodeTypes { type title description category icon inputs outputs dynamicOutputs outputsPerItem { field prefix } conditionalOutputs { field equals handle } configSchema } }\n": types.NodeTypesDocument,
    "\n  query FlowTemplates {\n    flowTemplates {\n      id name description category tags sampleInput\n      needs { kind nodeId nodeType field credentialTypes }\n    }\n  }\n": types.FlowTemplatesDocument,
    "\n  mutation CreateFlow($input: FlowInput!, $message: String) { createFlow(input: $input, message: $message) { id name version } }\n": types.CreateFlowDocument,
    "\n  mutation UpdateFlow($id: ID!, $input: FlowInput!, $expectedVersion: Int, $message: String) {\n    updateFlow(id: $id, input: $input, expectedVersion: $expectedVersion, message: $message) {\n      id name description tags nodes edges version updatedAt\n      problems { nodeId edgeId code message severity }\n    }\n  }\n": types.UpdateFlowDocument,
    "\n  query DeletedFlows($first: Int) {\n    deletedFlows(first: $first) { edges { node { id name tags version deletedAt } } }\n  }\n": types.DeletedFlowsDocument,
    "\n  mutation RestoreFlow($id: ID!) { restoreFlow(id: $id) { id name } }\n": types.RestoreFlowDocument,
    "\n  query ExportFlow($id: ID!) { exportFlow(id: $id) }\n": types.ExportFlowDocument,
    "\n  mutation ImportFlow($document: JSON!) { importFlow(document: $document) { id name version } }\n": types.ImportFlowDocument,
    "\n  mutation DeleteFlow($id: ID!) { deleteFlow(id: $id) }\n": types.DeleteFlowDocument,
    "\n  mutation ValidateFlow($input: FlowInput!) {\n    validateFlow(input: $input) { valid problems { nodeId edgeId code message severity } }\n  }\n": types.ValidateFlowDocument,
    "\n  mutation RestoreFlowVersion($id: ID!, $version: Int!) {\n    restoreFlowVersion(id: $id, version: $version) { id name description tags nodes edges version updatedAt }\n  }\n": types.RestoreFlowVersionDocument,
    "\n  mutation CreateFlowFromTemplate($templateId: ID!, $name: String) {\n    createFlowFromTemplate(templateId: $templateId, name: $name) { id name version }\n  }\n": types.CreateFlowFromTemplateDocument,
    "\n  query FlowAnalysis($id: ID!) {\n    flow(id: $id) {\n      id\n      analysis { nodeCount depth criticalPath unreachableNodes suggestions { code message nodeIds } }\n    }\n  }\n": types.FlowAnalysisDocument,
    "\n  query FlowSampleInput($id: ID!) { flow(id: $id) { id sampleInput } }\n": types.FlowSampleInputDocument,
    "\n  mutation SetFlowSampleInput($id: ID!, $json: String) { setFlowSampleInput(id: $id, json: $json) { id sampleInput } }\n": types.SetFlowSampleInputDocument,
    "\n  query AiProviders {\n    aiProviders { name kind models taskTypes priority status circuitState latencyP50Ms latencyP95Ms errorRate quotaUsed }\n  }\n": types.AiProvidersDocument,
    "\n  mutation ConfigureAiProvider($input: AiProviderInput!) { configureAiProvider(input: $input) { name kind models } }\n": types.ConfigureAiProviderDocument,
    "\n  mutation TestAiProvider($name: String!) { testAiProvider(name: $name) { ok latencyMs model error } }\n": types.TestAiProviderDocument,
    "\n  query SearchFlows($query: String!, $first: Int) {\n    searchFlows(query: $query, first: $first) { ranking flow { id name description tags version updatedAt } }\n  }\n": types.SearchFlowsDocument,
    "\n  fragment InvitationFields on WorkspaceInvitation {\n    id\n    email\n    role\n    invitedAt\n    expiresAt\n    workspace { id name }\n  }\n": types.InvitationFieldsFragmentDoc,
    "\n  fragment MemberFields on WorkspaceMember {\n    role\n    joinedAt\n    user { id email name }\n  }\n": types.MemberFieldsFragmentDoc,
    "\n  query WorkspaceMembers($id: ID!) { workspace(id: $id) { id name myRole personalOwner { id } members { ...MemberFields } } }\n": types.WorkspaceMembersDocument,
    "\n  query WorkspaceInvitations($workspaceId: ID!) { workspaceInvitations(workspaceId: $workspaceId) { ...InvitationFields } }\n": types.WorkspaceInvitationsDocument,
    "\n  query MyInvitations { myInvitations { ...InvitationFields } }\n": types.MyInvitationsDocument,
    "\n  mutation InviteMember($workspaceId: ID!, $email: String!, $role: WorkspaceRole!) {\n    inviteMember(workspaceId: $workspaceId, email: $email, role: $role) { token invitation { ...InvitationFields } }\n  }\n": types.InviteMemberDocument,
    "\n  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) }\n": types.RevokeInvitationDocument,
    "\n  query InvitationByToken($token: String!) { invitationByToken(token: $token) { ...InvitationFields } }\n": types.InvitationByTokenDocument,
    "\n  mutation AcceptInvitation($token: String!) { acceptInvitation(token: $token) { id name myRole } }\n": types.AcceptInvitationDocument,
    "\n  mutation ChangeMemberRole($workspaceId: ID!, $userId: ID!, $role: WorkspaceRole!) {\n    changeMemberRole(workspaceId: $workspaceId, userId: $userId, role: $role) { ...MemberFields }\n  }\n": types.ChangeMemberRoleDocument,
    "\n  mutation RemoveMember($workspaceId: ID!, $userId: ID!) { removeMember(workspaceId: $workspaceId, userId: $userId) }\n": types.RemoveMemberDocument,
    "\n  query RemainingWorkspaces { workspaces { id personalOwner { id } } }\n": types.RemainingWorkspacesDocument,
    "\n  query SchedulePreview($cron: String!, $timezone: String!, $count: Int) { schedulePreview(cron: $cron, timezone: $timezone, count: $count) }\n": types.SchedulePreviewDocument,
    "\n  mutation ListenForTestWebhook($flowId: ID!, $nodeId: String!, $draft: WebhookTestDraftInput) {\n    listenForTestWebhook(flowId: $flowId, nodeId: $nodeId, draft: $draft) { id path status expiresAt executionId }\n  }\n": types.ListenForTestWebhookDocument,
    "\n  query WebhookTestListen($id: ID!) { webhookTestListen(id: $id) { id status executionId expiresAt } }\n": types.WebhookTestListenDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user { id email name }\n    workspace { id name }\n    role\n  }\n"): (typeof documents)["\n  fragment SessionFields on AuthPayload {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user { id email name }\n    workspace { id name }\n    role\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) { register(input: $input) { ...SessionFields } }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) { register(input: $input) { ...SessionFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) { login(input: $input) { ...SessionFields } }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) { login(input: $input) { ...SessionFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ...SessionFields } }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ...SessionFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n"): (typeof documents)["\n  mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me { me { id email name } }\n"): (typeof documents)["\n  query Me { me { id email name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Workspaces { workspaces { id name personal myRole } }\n"): (typeof documents)["\n  query Workspaces { workspaces { id name personal myRole } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwitchWorkspace($workspaceId: ID!) { switchWorkspace(workspaceId: $workspaceId) { ...SessionFields } }\n"): (typeof documents)["\n  mutation SwitchWorkspace($workspaceId: ID!) { switchWorkspace(workspaceId: $workspaceId) { ...SessionFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys { apiKeys { id name scopes displayPrefix lastUsedAt createdAt } }\n"): (typeof documents)["\n  query ApiKeys { apiKeys { id name scopes displayPrefix lastUsedAt createdAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { id name scopes displayPrefix lastUsedAt createdAt } }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { secret apiKey { id name scopes displayPrefix lastUsedAt createdAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Credentials { credentials { id name type createdAt updatedAt lastUsedAt } }\n"): (typeof documents)["\n  query Credentials { credentials { id name type createdAt updatedAt lastUsedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CredentialTypes { credentialTypes { type fieldsSchema secretFields } }\n"): (typeof documents)["\n  query CredentialTypes { credentialTypes { type fieldsSchema secretFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCredential($input: CredentialInput!) { createCredential(input: $input) { id name type } }\n"): (typeof documents)["\n  mutation CreateCredential($input: CredentialInput!) { createCredential(input: $input) { id name type } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCredential($id: ID!, $input: CredentialInput!) { updateCredential(id: $id, input: $input) { id name type updatedAt } }\n"): (typeof documents)["\n  mutation UpdateCredential($id: ID!, $input: CredentialInput!) { updateCredential(id: $id, input: $input) { id name type updatedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCredential($id: ID!) { deleteCredential(id: $id) }\n"): (typeof documents)["\n  mutation DeleteCredential($id: ID!) { deleteCredential(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestCredential($id: ID!) { testCredential(id: $id) { ok code message } }\n"): (typeof documents)["\n  mutation TestCredential($id: ID!) { testCredential(id: $id) { ok code message } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowsUsingCredential($name: String!) { flowsUsingCredential(name: $name) { id name } }\n"): (typeof documents)["\n  query FlowsUsingCredential($name: String!) { flowsUsingCredential(name: $name) { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($from: DateTime) {\n    executions(first: 500, from: $from) { edges { node { id status createdAt durationMs } } }\n    flows(first: 50) { edges { node { id name stats { runs successRate p50DurationMs p95DurationMs } } } }\n    identityStatus { service ready }\n    flowsStatus { service ready }\n    executionsStatus { service ready }\n    intelligenceStatus { service ready }\n  }\n"): (typeof documents)["\n  query Dashboard($from: DateTime) {\n    executions(first: 500, from: $from) { edges { node { id status createdAt durationMs } } }\n    flows(first: 50) { edges { node { id name stats { runs successRate p50DurationMs p95DurationMs } } } }\n    identityStatus { service ready }\n    flowsStatus { service ready }\n    executionsStatus { service ready }\n    intelligenceStatus { service ready }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExecutionList($flowId: ID, $status: ExecutionStatus, $trigger: ExecutionTrigger, $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n    executions(flowId: $flowId, status: $status, trigger: $trigger, from: $from, to: $to, first: $first, after: $after) {\n      edges { cursor node { id status trigger queuedReason createdAt startedAt finishedAt durationMs flowName flow { id } } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n"): (typeof documents)["\n  query ExecutionList($flowId: ID, $status: ExecutionStatus, $trigger: ExecutionTrigger, $from: DateTime, $to: DateTime, $first: Int, $after: String) {\n    executions(flowId: $flowId, status: $status, trigger: $trigger, from: $from, to: $to, first: $first, after: $after) {\n      edges { cursor node { id status trigger queuedReason createdAt startedAt finishedAt durationMs flowName flow { id } } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExecutionFlowOptions { flows(first: 100) { edges { node { id name } } } }\n"): (typeof documents)["\n  query ExecutionFlowOptions { flows(first: 100) { edges { node { id name } } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteExecution($id: ID!) { deleteExecution(id: $id) }\n"): (typeof documents)["\n  mutation DeleteExecution($id: ID!) { deleteExecution(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryRun($id: ID!) { retryExecution(id: $id) { id status } }\n"): (typeof documents)["\n  mutation RetryRun($id: ID!) { retryExecution(id: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExecutionDetail on Execution {\n    id status input output durationMs startedAt finishedAt createdAt\n    error { code message nodeId }\n    flowName\n    flow { id }\n    queuedReason errorOfExecutionId\n    nodeRuns { nodeId status attempts input output handle error { code message } attemptErrors { attempt code message } startedAt finishedAt }\n    logs { seq nodeId level message at }\n    waits { nodeId kind until event }\n  }\n"): (typeof documents)["\n  fragment ExecutionDetail on Execution {\n    id status input output durationMs startedAt finishedAt createdAt\n    error { code message nodeId }\n    flowName\n    flow { id }\n    queuedReason errorOfExecutionId\n    nodeRuns { nodeId status attempts input output handle error { code message } attemptErrors { attempt code message } startedAt finishedAt }\n    logs { seq nodeId level message at }\n    waits { nodeId kind until event }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartExecution($flowId: ID!, $input: JSON, $idempotencyKey: String) {\n    startExecution(flowId: $flowId, input: $input, idempotencyKey: $idempotencyKey) { id status }\n  }\n"): (typeof documents)["\n  mutation StartExecution($flowId: ID!, $input: JSON, $idempotencyKey: String) {\n    startExecution(flowId: $flowId, input: $input, idempotencyKey: $idempotencyKey) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelExecution($id: ID!) { cancelExecution(id: $id) { id status } }\n"): (typeof documents)["\n  mutation CancelExecution($id: ID!) { cancelExecution(id: $id) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Execution($id: ID!) { execution(id: $id) { ...ExecutionDetail flowVersion flowGraph test retryOfId retryFromNodeId } }\n"): (typeof documents)["\n  query Execution($id: ID!) { execution(id: $id) { ...ExecutionDetail flowVersion flowGraph test retryOfId retryFromNodeId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CurrentFlowVersion($id: ID!) { flow(id: $id) { id version } }\n"): (typeof documents)["\n  query CurrentFlowVersion($id: ID!) { flow(id: $id) { id version } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExecutionEvents($executionId: ID!, $afterSeq: Int) {\n    executionEvents(executionId: $executionId, afterSeq: $afterSeq) {\n      seq type nodeId at data\n      execution { id status }\n    }\n  }\n"): (typeof documents)["\n  subscription ExecutionEvents($executionId: ID!, $afterSeq: Int) {\n    executionEvents(executionId: $executionId, afterSeq: $afterSeq) {\n      seq type nodeId at data\n      execution { id status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestNode($flowId: ID!, $graph: JSON!, $nodeId: String!, $usePinned: Boolean, $input: JSON) {\n    testNode(flowId: $flowId, graph: $graph, nodeId: $nodeId, usePinned: $usePinned, input: $input) { id status test }\n  }\n"): (typeof documents)["\n  mutation TestNode($flowId: ID!, $graph: JSON!, $nodeId: String!, $usePinned: Boolean, $input: JSON) {\n    testNode(flowId: $flowId, graph: $graph, nodeId: $nodeId, usePinned: $usePinned, input: $input) { id status test }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryExecution($id: ID!, $fromNodeId: String, $version: RetryVersion) {\n    retryExecution(id: $id, fromNodeId: $fromNodeId, version: $version) { id status retryOfId retryFromNodeId }\n  }\n"): (typeof documents)["\n  mutation RetryExecution($id: ID!, $fromNodeId: String, $version: RetryVersion) {\n    retryExecution(id: $id, fromNodeId: $fromNodeId, version: $version) { id status retryOfId retryFromNodeId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LastNodeRun($flowId: ID!, $nodeId: String!) {\n    lastNodeRun(flowId: $flowId, nodeId: $nodeId) {\n      execution { id test createdAt }\n      nodeRun { nodeId status input output outputTruncated durationMs error { code message } }\n    }\n  }\n"): (typeof documents)["\n  query LastNodeRun($flowId: ID!, $nodeId: String!) {\n    lastNodeRun(flowId: $flowId, nodeId: $nodeId) {\n      execution { id test createdAt }\n      nodeRun { nodeId status input output outputTruncated durationMs error { code message } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluateExpression($expression: String!, $template: Boolean, $context: JSON) {\n    evaluateExpression(expression: $expression, template: $template, context: $context) { hasValue value error { code message position } }\n  }\n"): (typeof documents)["\n  query EvaluateExpression($expression: String!, $template: Boolean, $context: JSON) {\n    evaluateExpression(expression: $expression, template: $template, context: $context) { hasValue value error { code message position } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowSettings($id: ID!) {\n    flow(id: $id) {\n      id\n      settings { concurrencyLimit concurrencyKey concurrencyKeyLimit priority errorFlowId ephemeral ephemeralAllowEffects }\n    }\n    flows(first: 100) { edges { node { id name } } }\n  }\n"): (typeof documents)["\n  query FlowSettings($id: ID!) {\n    flow(id: $id) {\n      id\n      settings { concurrencyLimit concurrencyKey concurrencyKeyLimit priority errorFlowId ephemeral ephemeralAllowEffects }\n    }\n    flows(first: 100) { edges { node { id name } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateFlowSettings($id: ID!, $input: FlowSettingsInput!) {\n    updateFlowSettings(id: $id, input: $input) {\n      id\n      settings { concurrencyLimit concurrencyKey concurrencyKeyLimit priority errorFlowId ephemeral ephemeralAllowEffects }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateFlowSettings($id: ID!, $input: FlowSettingsInput!) {\n    updateFlowSettings(id: $id, input: $input) {\n      id\n      settings { concurrencyLimit concurrencyKey concurrencyKeyLimit priority errorFlowId ephemeral ephemeralAllowEffects }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowVersionHistory($id: ID!) {\n    flow(id: $id) {\n      id version\n      versions(first: 50) { edges { node { version message createdAt author { id name email } } } }\n    }\n  }\n"): (typeof documents)["\n  query FlowVersionHistory($id: ID!) {\n    flow(id: $id) {\n      id version\n      versions(first: 50) { edges { node { version message createdAt author { id name email } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowVersionContent($flowId: ID!, $version: Int!) {\n    flowVersion(flowId: $flowId, version: $version) { version nodes edges author { id name email } createdAt }\n  }\n"): (typeof documents)["\n  query FlowVersionContent($flowId: ID!, $version: Int!) {\n    flowVersion(flowId: $flowId, version: $version) { version nodes edges author { id name email } createdAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Flows($first: Int, $after: String, $search: String, $tag: String, $active: Boolean, $triggerType: FlowTriggerType) {\n    flows(first: $first, after: $after, search: $search, tag: $tag, active: $active, triggerType: $triggerType) {\n      edges { cursor node { id name description tags version updatedAt active triggerTypes } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n"): (typeof documents)["\n  query Flows($first: Int, $after: String, $search: String, $tag: String, $active: Boolean, $triggerType: FlowTriggerType) {\n    flows(first: $first, after: $after, search: $search, tag: $tag, active: $active, triggerType: $triggerType) {\n      edges { cursor node { id name description tags version updatedAt active triggerTypes } }\n      pageInfo { endCursor hasNextPage }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Flow($id: ID!) {\n    flow(id: $id) {\n      id name description tags nodes edges version updatedAt\n      problems { nodeId edgeId code message severity }\n    }\n  }\n"): (typeof documents)["\n  query Flow($id: ID!) {\n    flow(id: $id) {\n      id name description tags nodes edges version updatedAt\n      problems { nodeId edgeId code message severity }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowActivation($id: ID!) { flow(id: $id) { id version active triggerTypes } }\n"): (typeof documents)["\n  query FlowActivation($id: ID!) { flow(id: $id) { id version active triggerTypes } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ActivateFlow($id: ID!) { activateFlow(id: $id) { id version active triggerTypes } }\n"): (typeof documents)["\n  mutation ActivateFlow($id: ID!) { activateFlow(id: $id) { id version active triggerTypes } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateFlow($id: ID!) { deactivateFlow(id: $id) { id version active triggerTypes } }\n"): (typeof documents)["\n  mutation DeactivateFlow($id: ID!) { deactivateFlow(id: $id) { id version active triggerTypes } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowVersions($id: ID!) {\n    flow(id: $id) {\n      id version\n      versions(first: 50) { edges { node { version message createdAt } } }\n    }\n  }\n"): (typeof documents)["\n  query FlowVersions($id: ID!) {\n    flow(id: $id) {\n      id version\n      versions(first: 50) { edges { node { version message createdAt } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeTypes { nodeTypes { type title description category icon inputs outputs dynamicOutputs outputsPerItem { field prefix } conditionalOutputs { field equals handle } configSchema } }\n"): (typeof documents)["\n  query NodeTypes { nodeTypes { type title description category icon inputs outputs dynamicOutputs outputsPerItem { field prefix } conditionalOutputs { field equals handle } configSchema } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowTemplates {\n    flowTemplates {\n      id name description category tags sampleInput\n      needs { kind nodeId nodeType field credentialTypes }\n    }\n  }\n"): (typeof documents)["\n  query FlowTemplates {\n    flowTemplates {\n      id name description category tags sampleInput\n      needs { kind nodeId nodeType field credentialTypes }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateFlow($input: FlowInput!, $message: String) { createFlow(input: $input, message: $message) { id name version } }\n"): (typeof documents)["\n  mutation CreateFlow($input: FlowInput!, $message: String) { createFlow(input: $input, message: $message) { id name version } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateFlow($id: ID!, $input: FlowInput!, $expectedVersion: Int, $message: String) {\n    updateFlow(id: $id, input: $input, expectedVersion: $expectedVersion, message: $message) {\n      id name description tags nodes edges version updatedAt\n      problems { nodeId edgeId code message severity }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateFlow($id: ID!, $input: FlowInput!, $expectedVersion: Int, $message: String) {\n    updateFlow(id: $id, input: $input, expectedVersion: $expectedVersion, message: $message) {\n      id name description tags nodes edges version updatedAt\n      problems { nodeId edgeId code message severity }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeletedFlows($first: Int) {\n    deletedFlows(first: $first) { edges { node { id name tags version deletedAt } } }\n  }\n"): (typeof documents)["\n  query DeletedFlows($first: Int) {\n    deletedFlows(first: $first) { edges { node { id name tags version deletedAt } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreFlow($id: ID!) { restoreFlow(id: $id) { id name } }\n"): (typeof documents)["\n  mutation RestoreFlow($id: ID!) { restoreFlow(id: $id) { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportFlow($id: ID!) { exportFlow(id: $id) }\n"): (typeof documents)["\n  query ExportFlow($id: ID!) { exportFlow(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportFlow($document: JSON!) { importFlow(document: $document) { id name version } }\n"): (typeof documents)["\n  mutation ImportFlow($document: JSON!) { importFlow(document: $document) { id name version } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteFlow($id: ID!) { deleteFlow(id: $id) }\n"): (typeof documents)["\n  mutation DeleteFlow($id: ID!) { deleteFlow(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ValidateFlow($input: FlowInput!) {\n    validateFlow(input: $input) { valid problems { nodeId edgeId code message severity } }\n  }\n"): (typeof documents)["\n  mutation ValidateFlow($input: FlowInput!) {\n    validateFlow(input: $input) { valid problems { nodeId edgeId code message severity } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreFlowVersion($id: ID!, $version: Int!) {\n    restoreFlowVersion(id: $id, version: $version) { id name description tags nodes edges version updatedAt }\n  }\n"): (typeof documents)["\n  mutation RestoreFlowVersion($id: ID!, $version: Int!) {\n    restoreFlowVersion(id: $id, version: $version) { id name description tags nodes edges version updatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateFlowFromTemplate($templateId: ID!, $name: String) {\n    createFlowFromTemplate(templateId: $templateId, name: $name) { id name version }\n  }\n"): (typeof documents)["\n  mutation CreateFlowFromTemplate($templateId: ID!, $name: String) {\n    createFlowFromTemplate(templateId: $templateId, name: $name) { id name version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowAnalysis($id: ID!) {\n    flow(id: $id) {\n      id\n      analysis { nodeCount depth criticalPath unreachableNodes suggestions { code message nodeIds } }\n    }\n  }\n"): (typeof documents)["\n  query FlowAnalysis($id: ID!) {\n    flow(id: $id) {\n      id\n      analysis { nodeCount depth criticalPath unreachableNodes suggestions { code message nodeIds } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FlowSampleInput($id: ID!) { flow(id: $id) { id sampleInput } }\n"): (typeof documents)["\n  query FlowSampleInput($id: ID!) { flow(id: $id) { id sampleInput } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetFlowSampleInput($id: ID!, $json: String) { setFlowSampleInput(id: $id, json: $json) { id sampleInput } }\n"): (typeof documents)["\n  mutation SetFlowSampleInput($id: ID!, $json: String) { setFlowSampleInput(id: $id, json: $json) { id sampleInput } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AiProviders {\n    aiProviders { name kind models taskTypes priority status circuitState latencyP50Ms latencyP95Ms errorRate quotaUsed }\n  }\n"): (typeof documents)["\n  query AiProviders {\n    aiProviders { name kind models taskTypes priority status circuitState latencyP50Ms latencyP95Ms errorRate quotaUsed }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfigureAiProvider($input: AiProviderInput!) { configureAiProvider(input: $input) { name kind models } }\n"): (typeof documents)["\n  mutation ConfigureAiProvider($input: AiProviderInput!) { configureAiProvider(input: $input) { name kind models } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestAiProvider($name: String!) { testAiProvider(name: $name) { ok latencyMs model error } }\n"): (typeof documents)["\n  mutation TestAiProvider($name: String!) { testAiProvider(name: $name) { ok latencyMs model error } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchFlows($query: String!, $first: Int) {\n    searchFlows(query: $query, first: $first) { ranking flow { id name description tags version updatedAt } }\n  }\n"): (typeof documents)["\n  query SearchFlows($query: String!, $first: Int) {\n    searchFlows(query: $query, first: $first) { ranking flow { id name description tags version updatedAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvitationFields on WorkspaceInvitation {\n    id\n    email\n    role\n    invitedAt\n    expiresAt\n    workspace { id name }\n  }\n"): (typeof documents)["\n  fragment InvitationFields on WorkspaceInvitation {\n    id\n    email\n    role\n    invitedAt\n    expiresAt\n    workspace { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MemberFields on WorkspaceMember {\n    role\n    joinedAt\n    user { id email name }\n  }\n"): (typeof documents)["\n  fragment MemberFields on WorkspaceMember {\n    role\n    joinedAt\n    user { id email name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkspaceMembers($id: ID!) { workspace(id: $id) { id name myRole personalOwner { id } members { ...MemberFields } } }\n"): (typeof documents)["\n  query WorkspaceMembers($id: ID!) { workspace(id: $id) { id name myRole personalOwner { id } members { ...MemberFields } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkspaceInvitations($workspaceId: ID!) { workspaceInvitations(workspaceId: $workspaceId) { ...InvitationFields } }\n"): (typeof documents)["\n  query WorkspaceInvitations($workspaceId: ID!) { workspaceInvitations(workspaceId: $workspaceId) { ...InvitationFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyInvitations { myInvitations { ...InvitationFields } }\n"): (typeof documents)["\n  query MyInvitations { myInvitations { ...InvitationFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteMember($workspaceId: ID!, $email: String!, $role: WorkspaceRole!) {\n    inviteMember(workspaceId: $workspaceId, email: $email, role: $role) { token invitation { ...InvitationFields } }\n  }\n"): (typeof documents)["\n  mutation InviteMember($workspaceId: ID!, $email: String!, $role: WorkspaceRole!) {\n    inviteMember(workspaceId: $workspaceId, email: $email, role: $role) { token invitation { ...InvitationFields } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) }\n"): (typeof documents)["\n  mutation RevokeInvitation($id: ID!) { revokeInvitation(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvitationByToken($token: String!) { invitationByToken(token: $token) { ...InvitationFields } }\n"): (typeof documents)["\n  query InvitationByToken($token: String!) { invitationByToken(token: $token) { ...InvitationFields } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($token: String!) { acceptInvitation(token: $token) { id name myRole } }\n"): (typeof documents)["\n  mutation AcceptInvitation($token: String!) { acceptInvitation(token: $token) { id name myRole } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeMemberRole($workspaceId: ID!, $userId: ID!, $role: WorkspaceRole!) {\n    changeMemberRole(workspaceId: $workspaceId, userId: $userId, role: $role) { ...MemberFields }\n  }\n"): (typeof documents)["\n  mutation ChangeMemberRole($workspaceId: ID!, $userId: ID!, $role: WorkspaceRole!) {\n    changeMemberRole(workspaceId: $workspaceId, userId: $userId, role: $role) { ...MemberFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveMember($workspaceId: ID!, $userId: ID!) { removeMember(workspaceId: $workspaceId, userId: $userId) }\n"): (typeof documents)["\n  mutation RemoveMember($workspaceId: ID!, $userId: ID!) { removeMember(workspaceId: $workspaceId, userId: $userId) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RemainingWorkspaces { workspaces { id personalOwner { id } } }\n"): (typeof documents)["\n  query RemainingWorkspaces { workspaces { id personalOwner { id } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SchedulePreview($cron: String!, $timezone: String!, $count: Int) { schedulePreview(cron: $cron, timezone: $timezone, count: $count) }\n"): (typeof documents)["\n  query SchedulePreview($cron: String!, $timezone: String!, $count: Int) { schedulePreview(cron: $cron, timezone: $timezone, count: $count) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ListenForTestWebhook($flowId: ID!, $nodeId: String!, $draft: WebhookTestDraftInput) {\n    listenForTestWebhook(flowId: $flowId, nodeId: $nodeId, draft: $draft) { id path status expiresAt executionId }\n  }\n"): (typeof documents)["\n  mutation ListenForTestWebhook($flowId: ID!, $nodeId: String!, $draft: WebhookTestDraftInput) {\n    listenForTestWebhook(flowId: $flowId, nodeId: $nodeId, draft: $draft) { id path status expiresAt executionId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookTestListen($id: ID!) { webhookTestListen(id: $id) { id status executionId expiresAt } }\n"): (typeof documents)["\n  query WebhookTestListen($id: ID!) { webhookTestListen(id: $id) { id status executionId expiresAt } }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;