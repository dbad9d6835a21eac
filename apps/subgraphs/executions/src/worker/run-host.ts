import type { NodeRunRecord } from '@omnitron/nodes';
import type { Execution } from '../entities/execution.entity';
import type { ExecutionsRuntime } from '../runtime';
import { CancelRegistry } from './cancel-registry';
import { callerOf, EngineServiceProvider } from './engine-services';
import { ExecutionRunner } from './execution-runner';
import { RunHeartbeat } from './run-heartbeat';
import { TimingReporter } from './timing-reporter';

/**
 * What runs executions in one process: the runner, the cancel registry that reaches its runs, the
 * engine's services (subflows, databases, AI) and the node timing reports. A worker process has
 * one; so has a process running one suspect run on its own (`isolated-run-main.ts`).
 */
export class RunHost {
  readonly runner: ExecutionRunner;
  private readonly cancellations: CancelRegistry;
  private readonly services: EngineServiceProvider;
  private readonly timings: TimingReporter | undefined;
  private readonly heartbeat: RunHeartbeat;

  constructor(runtime: ExecutionsRuntime) {
    this.cancellations = new CancelRegistry(runtime.redis, runtime.config.REDIS_PREFIX);
    this.services = new EngineServiceProvider(runtime);
    this.timings = this.services.intelligence ? new TimingReporter(this.services.intelligence, runtime.log) : undefined;
    this.runner = new ExecutionRunner(runtime, this.cancellations, this.services.forExecution, (execution, nodeRuns) => this.reportTimings(execution, nodeRuns));
    this.services.runner = this.runner;
    this.heartbeat = new RunHeartbeat(runtime, () => this.cancellations.held());
  }

  /** Starts listening for cancels and beating for the runs held. */
  async start(): Promise<void> {
    await this.cancellations.start();
    this.heartbeat.start();
  }

  /** Node durations feed the intelligence subgraph's flow analysis (batched, never awaited by the run). */
  private reportTimings(execution: Execution, nodeRuns: readonly NodeRunRecord[]): void {
    const timings = nodeRuns.flatMap((r) => (r.status === 'SUCCEEDED' && r.durationMs !== undefined ? [{ nodeId: r.nodeId, durationMs: r.durationMs }] : []));
    this.timings?.report(callerOf(execution), execution.flowId, timings);
  }

  async close(): Promise<void> {
    this.heartbeat.close();
    await this.cancellations.close();
    await this.timings?.close();
    await this.services.close();
  }
}
