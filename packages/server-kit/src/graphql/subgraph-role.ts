import { baseConfigSchema, loadConfig, portSetting, runMain } from '../config';
import { createLogger, type Logger } from '../logger';
import { resolveSecrets, type PlatformSecrets } from '../secrets';
import { onShutdown } from '../shutdown';
import { startTracing } from '../tracing/tracing';
import { createSubgraph, type RunningSubgraph, type SubgraphDefinition } from './subgraph-definition';
import type { LocalSubscriptions } from './local-subscriptions';
import type { SubgraphContext } from './subgraph-server';

/**
 * What a host needs to run one subgraph, whether alone in its process (its `main.ts`) or next to
 * other roles (`apps/platform`): each subgraph's package exports one.
 */
export interface SubgraphRole<TContext extends SubgraphContext = SubgraphContext> {
  readonly name: string;
  /** Its port when neither PORT nor the host says otherwise. */
  readonly defaultPort: number;
  readonly definition: SubgraphDefinition<TContext>;
  /**
   * Settings this subgraph reads with other defaults than the rest of the process (flows: a body
   * limit that fits its largest document), given the process's environment. @default none
   */
  readonly settingDefaults?: (env: NodeJS.ProcessEnv) => Record<string, string>;
  /**
   * Extra servers on its HTTP server, once created and before it listens (executions' graphql-ws),
   * and the same subscriptions in process for a gateway beside it.
   */
  readonly attach?: (subgraph: RunningSubgraph) => { close(): Promise<void>; readonly subscriptions?: LocalSubscriptions };
}

/** One subgraph created by a host, listening on its port. */
export interface StartedSubgraph {
  readonly subgraph: RunningSubgraph;
  /** Its subscriptions in process, when it serves any. */
  readonly subscriptions?: LocalSubscriptions;
  readonly port: number;
  close(): Promise<void>;
}

export interface SubgraphRoleDeps {
  /** The process's environment (every subgraph of a host reads the same one). */
  readonly env: NodeJS.ProcessEnv;
  readonly secrets: PlatformSecrets;
  readonly log: Logger;
  /** Where to listen; undefined: PORT from `env`, else the role's default port. */
  readonly port?: number;
}

/** Creates the subgraph (its own database, migrations applied), attaches its extras and listens. */
export async function startSubgraphRole<TContext extends SubgraphContext>(role: SubgraphRole<TContext>, deps: SubgraphRoleDeps): Promise<StartedSubgraph> {
  const env = { ...role.settingDefaults?.(deps.env), ...definedOnly(deps.env) };
  const config = loadConfig(baseConfigSchema.extend({ PORT: portSetting(role.defaultPort) }), env);
  const subgraph = await createSubgraph(role.definition, { config, signingKey: deps.secrets.internalSigningKey, log: deps.log });
  const attached = role.attach?.(subgraph);
  const port = await subgraph.listen(deps.port ?? config.PORT).catch(async (error: unknown) => {
    await attached?.close();
    await subgraph.close();
    throw error;
  });
  return {
    subgraph,
    subscriptions: attached?.subscriptions,
    port,
    close: async () => {
      await attached?.close();
      await subgraph.close();
    },
  };
}

/** A subgraph's `main`: alone in its process, on PORT (or its default); stops cleanly on signals. */
export function runSubgraphRole<TContext extends SubgraphContext>(role: SubgraphRole<TContext>): Promise<void> {
  return runMain(async () => {
    const { LOG_LEVEL, DATA_DIR } = loadConfig(baseConfigSchema, process.env);
    const log = createLogger(role.name, LOG_LEVEL);
    const tracing = await startTracing(role.name, process.env, log);
    const started = await startSubgraphRole(role, { env: process.env, secrets: resolveSecrets(DATA_DIR, process.env), log });
    log.info({ port: started.port }, `${role.name} subgraph listening`);
    onShutdown(log, async () => {
      await started.close();
      await tracing.shutdown();
    });
  });
}

/** The environment without its unset names, so a role's defaults fill only what is really unset. */
function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
