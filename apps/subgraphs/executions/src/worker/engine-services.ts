import { NodeError, type EngineServices, type SubflowRequest } from '@omnitron/nodes';
import type { Caller } from '@omnitron/server-kit';
import { IntelligenceClient } from '../clients/intelligence-client';
import type { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { startExecution } from '../services/start-execution';
import { DatabaseConnections } from './database-connections';
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
  readonly intelligence: IntelligenceClient | undefined;
  runner: ExecutionRunner | undefined;

  constructor(private readonly runtime: ExecutionsRuntime) {
    const url = runtime.settings.INTELLIGENCE_URL;
    this.intelligence = url ? new IntelligenceClient(url, runtime.signingKey) : undefined;
    this.databases = new DatabaseConnections(runtime.settings.DATABASE_CONNECTIONS);
  }

  forExecution = (execution: Execution, signal: AbortSignal): EngineServices => {
    const intelligence = this.intelligence;
    return {
      flows: { runSubflow: (request) => this.runSubflow(execution, request, signal) },
      database: { query: (request, querySignal) => this.databases.query(request.connection, request.sql, request.params, querySignal) },
      ...(intelligence ? { ai: { generate: (request, aiSignal) => intelligence.generate(callerOf(execution), request, aiSignal) } } : {}),
    };
  };

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
    await this.databases.close();
  }
}
