import {
  NodeError,
  OAuth2Tokens,
  outboundPolicyOf,
  postgresTargetOf,
  type DatabaseQueryRequest,
  type EngineServices,
  type HttpPolicy,
  type SecretMask,
  type SubflowRequest,
} from '@omnitron/nodes';
import { CredentialStoreClient, type Caller } from '@omnitron/server-kit';
import { IntelligenceClient } from '../clients/intelligence-client';
import type { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { startExecution } from '../services/start-execution';
import { DatabaseConnections, type QueryResult } from './database-connections';
import { RunCredentials } from './run-credentials';
import type { ExecutionRunner } from './execution-runner';

/** A run acts as whoever started it, in its workspace (loading a subflow is checked like a read). */
export function callerOf(execution: Execution): Caller {
  return { userId: execution.startedBy, workspaceId: execution.workspaceId, role: 'editor', scopes: null };
}

/**
 * The engine's outside world, supplied by the worker. Without INTELLIGENCE_URL `ai` is left out,
 * so `ai.generate` fails with the engine's clear SERVICE_UNAVAILABLE.
 */
export class EngineServiceProvider {
  private readonly databases: DatabaseConnections;
  private readonly credentialStore: CredentialStoreClient;
  /** OAuth2 tokens are shared by every run of this worker, per credential, until they expire. */
  private readonly tokens: OAuth2Tokens;
  private readonly policy: HttpPolicy;
  readonly intelligence: IntelligenceClient | undefined;
  runner: ExecutionRunner | undefined;

  constructor(private readonly runtime: ExecutionsRuntime) {
    const url = runtime.settings.INTELLIGENCE_URL;
    this.intelligence = url ? new IntelligenceClient(url, runtime.signingKey) : undefined;
    this.databases = new DatabaseConnections(runtime.settings.DATABASE_CONNECTIONS);
    this.credentialStore = new CredentialStoreClient(runtime.settings.IDENTITY_URL, runtime.signingKey);
    this.policy = outboundPolicyOf(runtime.settings);
    this.tokens = new OAuth2Tokens(this.policy);
  }

  /** `mask` is the run's: every credential value resolved for the run joins it. */
  forExecution = (execution: Execution, signal: AbortSignal, mask: SecretMask): EngineServices => {
    const intelligence = this.intelligence;
    const credentials = new RunCredentials(this.credentialStore, callerOf(execution), mask, this.tokens);
    return {
      flows: { runSubflow: (request) => this.runSubflow(execution, request, signal) },
      database: { query: (request, querySignal) => this.query(credentials, request, querySignal) },
      credentials,
      ...(intelligence ? { ai: { generate: (request, aiSignal) => intelligence.generate(callerOf(execution), request, aiSignal) } } : {}),
    };
  };

  /**
   * `connection` names a connection the operator lists in DATABASE_CONNECTIONS (an opt-in list every
   * workspace may use, checked first so it never depends on identity being up), else a POSTGRES
   * credential of the run's workspace.
   */
  private async query(credentials: RunCredentials, request: DatabaseQueryRequest, signal: AbortSignal): Promise<QueryResult> {
    if (this.databases.lists(request.connection)) return this.databases.query(request.connection, request.sql, request.params, signal);
    const credential = await credentials.resolve(request.connection, ['POSTGRES'], signal);
    const { secrets, ...config } = await postgresTargetOf(credential, this.policy);
    credentials.conceal(secrets);
    return this.databases.queryOn({ key: `cred:${credential.id}:${credential.version}`, config }, request.sql, request.params, signal);
  }

  /**
   * Runs a child execution inline, linked to its parent. Its idempotency key is derived from the
   * parent node (and map index), so a resumed parent resumes the same child rather than starting another.
   */
  private async runSubflow(parent: Execution, request: SubflowRequest, signal: AbortSignal): Promise<unknown> {
    const flow = await this.runtime.flows.currentFlow(callerOf(parent), request.flowId);
    if (!flow) throw new NodeError('NOT_FOUND', `Flow ${request.flowId} not found`, { retryable: false });
    const child = await startExecution(this.runtime, {
      workspaceId: parent.workspaceId,
      userId: parent.startedBy,
      flow,
      input: request.input,
      idempotencyKey: `subflow:${parent.id}:${request.parentNodeId}:${request.index ?? 0}`,
      parentExecutionId: parent.id,
      parentNodeId: request.parentNodeId,
      enqueue: false,
    }).catch((error: unknown) => {
      throw new NodeError('VALIDATION_FAILED', error instanceof Error ? error.message : String(error), { retryable: false });
    });
    const finished = await this.runner!.run(child.id, { parentSignal: signal, ...(request.item === undefined ? {} : { item: request.item }) });
    if (finished?.status === 'SUCCEEDED') return finished.output;
    const error = finished?.error ?? { code: 'SUBFLOW_FAILED', message: 'The subflow did not finish' };
    throw new NodeError(error.code, `Subflow ${request.flowId} ${finished?.status?.toLowerCase() ?? 'failed'}: ${error.message}`, {
      retryable: false,
    });
  }

  async close(): Promise<void> {
    await this.tokens.close();
    await this.databases.close();
  }
}
