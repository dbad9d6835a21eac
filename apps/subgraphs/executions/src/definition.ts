import type { GraphQLSchema } from 'graphql';
import type { CredentialStoreClient, LocalSubscriptions, RunningSubgraph, SubgraphDefinition } from '@omnitron/server-kit';
import type { FlowsClient } from './clients/flows-client';
import { executionsContext, type ExecutionsContext } from './context';
import { entities } from './entities';
import { resumeRoute } from './http/resume-route';
import { webhookRoute } from './http/webhook-route';
import { webhookTestRoute } from './webhook-test/test-route';
import { migrations } from './migrations';
import { createRuntime, type ExecutionsRuntime } from './runtime';
import { buildExecutionsSchema } from './schema';
import { loadExecutionsSettings, type ExecutionsSettings } from './settings';
import { attachEventsSocket } from './subscriptions/events-socket';
import { localEventSubscriptions } from './subscriptions/local-events';
import { startFlowChangeTriggerSync } from './triggers/flow-change-trigger-sync';

export interface ExecutionsSubgraphOptions {
  /** @default read from the environment */
  readonly settings?: ExecutionsSettings;
  /** Replaces the HTTP flows client. */
  readonly flows?: FlowsClient;
  /** Replaces the signed HTTP client of identity's credential routes. */
  readonly credentials?: CredentialStoreClient;
}

export interface ExecutionsSubgraph {
  readonly definition: SubgraphDefinition<ExecutionsContext>;
  /** The runtime opened with the database (available once the subgraph is created). */
  runtime(): ExecutionsRuntime;
  /** Serves graphql-ws subscriptions on the subgraph's HTTP server; returns the closer. */
  attachSubscriptions(subgraph: RunningSubgraph): { close(): Promise<void> };
  /** The same subscriptions in process, for a gateway beside it (once the subgraph is created). */
  localSubscriptions(): LocalSubscriptions;
}

/** The executions subgraph: executions, node runs, logs, triggers, the event stream. */
export function createExecutionsSubgraph(options: ExecutionsSubgraphOptions = {}): ExecutionsSubgraph {
  let runtime: ExecutionsRuntime | undefined;
  let schema: GraphQLSchema | undefined;
  const current = (): ExecutionsRuntime => {
    if (!runtime) throw new Error('The executions runtime opens with the subgraph');
    return runtime;
  };
  const definition: SubgraphDefinition<ExecutionsContext> = {
    name: 'executions',
    entities,
    migrations,
    buildSchema: async () => (schema ??= await buildExecutionsSchema()),
    resources: async (orm, deps) => {
      const settings = options.settings ?? loadExecutionsSettings();
      runtime = createRuntime({ orm, config: deps.config, settings, signingKey: deps.signingKey, log: deps.log, flows: options.flows, credentials: options.credentials });
      const opened = runtime;
      // Here and not in the workers: one consumer per subgraph replica keeps triggers in step with saves.
      const triggerSync = await startFlowChangeTriggerSync(opened);
      const ephemeral = opened.webhooks;
      await ephemeral.start();
      return {
        ready: async () => ({ redis: (await opened.redis.ping().catch(() => '')) === 'PONG' }),
        close: async () => {
          await triggerSync.close();
          // The ephemeral runs still to be written, before the database goes.
          await ephemeral.close();
          await opened.close();
        },
      };
    },
    extendContext: (base) => executionsContext(base, current()),
    extraRoutes: () => [webhookRoute(current()), webhookTestRoute(current()), resumeRoute(current())],
  };
  return {
    definition,
    runtime: current,
    attachSubscriptions: (subgraph) => attachEventsSocket(subgraph.http.server, schema!, current()),
    localSubscriptions: () => localEventSubscriptions(schema!, current()),
  };
}
