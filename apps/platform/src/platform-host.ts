import { SUBGRAPHS, type SubgraphName } from '@omnitron/schema';
import { createLogger, resolveSecrets, serviceConfig, startSubgraphRole, startTracing, type LocalSubgraph, type Logger, type PlatformSecrets, type StartedSubgraph, type SubgraphRole } from '@omnitron/server-kit';
// The gateway's settings only (no Apollo): a worker-only process must not load the gateway's code.
import { loadGatewayConfig, type GatewayConfig } from '@omnitron/gateway/config';
import type { Role } from './roles';

/** The roles running in this process, and where each one listens. */
export interface PlatformHost {
  /** Port by role (the worker has none). */
  readonly ports: Readonly<Partial<Record<Role, number>>>;
  /** The process's one logger. */
  readonly log: Logger;
  /** Stops the gateway, then the worker (its runs finish), then the subgraphs. */
  close(): Promise<void>;
}

interface Closable {
  close(): Promise<void>;
}

/** The subgraphs of this process, by name, once each has started (undefined before, and when not hosted here). */
type LocalSubgraphs = (name: SubgraphName) => (() => LocalSubgraph | undefined) | undefined;

/**
 * A subgraph role as its package exports it, given the subgraphs it calls when they run in this
 * process too (called in process instead of over signed HTTP). Each package is imported only when
 * its role is hosted, so a process pays in memory for the code it runs and nothing else.
 */
async function subgraphRole(name: SubgraphName, env: NodeJS.ProcessEnv, local: LocalSubgraphs): Promise<SubgraphRole<never>> {
  const localExecutions = local('executions');
  const localFlows = local('flows');
  const localIdentity = local('identity');
  switch (name) {
    case 'identity':
      return (await import('@omnitron/identity')).identityRole as SubgraphRole<never>;
    case 'flows':
      return (await import('@omnitron/flows')).flowsRole(env, { ...(localExecutions ? { localExecutions } : {}), ...(localIdentity ? { localIdentity } : {}) }) as SubgraphRole<never>;
    case 'executions':
      return (await import('@omnitron/executions')).executionsRole({ ...(localFlows ? { localFlows } : {}), ...(localIdentity ? { localIdentity } : {}) }) as SubgraphRole<never>;
    case 'intelligence':
      return (await import('@omnitron/intelligence')).intelligenceRole({ ...(localFlows ? { localFlows } : {}), ...(localIdentity ? { localIdentity } : {}) }) as SubgraphRole<never>;
  }
}

/** A subgraph listens where its `<NAME>_URL` says (how the other processes reach it); alone in its process, on PORT. */
function subgraphPort(config: GatewayConfig, name: SubgraphName, alone: boolean): number {
  if (alone) return config.PORT;
  return Number(new URL(config[`${name.toUpperCase()}_URL` as `${Uppercase<SubgraphName>}_URL`]).port);
}

/** Stops each in turn; a failure in one does not keep the others open. */
async function closeAll(started: readonly Closable[], log: Logger): Promise<void> {
  for (const item of started) await item.close().catch((error: unknown) => log.error({ err: error }, 'stopping a role failed'));
}

/**
 * Boots `roles` in this process: one configuration and one secrets load, one logger (each line
 * names its role), each subgraph with its own database and its own port, the gateway calling
 * the subgraphs hosted here in process and the others over signed HTTP, and the worker.
 */
export async function startPlatform(roles: ReadonlySet<Role>, env: NodeJS.ProcessEnv = process.env): Promise<PlatformHost> {
  const config = loadGatewayConfig(env);
  const secrets = resolveSecrets(config.DATA_DIR, env);
  const log = createLogger(roles.size === 1 ? [...roles][0]! : 'platform', config.LOG_LEVEL);
  const roleLog = (role: Role) => (roles.size === 1 ? log : log.child({ role }));
  // OTEL_EXPORTER_OTLP_ENDPOINT set: spans of each role carry its own service.name; the gateway's is the global one.
  const tracing = await startTracing(roles.has('gateway') ? 'gateway' : roles.size === 1 ? [...roles][0]! : 'platform', env, log);
  const hosted = SUBGRAPHS.map((s) => s.name).filter((name) => roles.has(name));
  const alone = hosted.length === 1 && !roles.has('gateway');
  const ports: Partial<Record<Role, number>> = {};
  // Closed in this order: the gateway (no new requests), the worker (its runs finish), the subgraphs.
  const front: Closable[] = [];
  const subgraphsStarted: Closable[] = [];
  const stopAll = () => closeAll([...front, ...subgraphsStarted, { close: () => tracing.shutdown() }], log);
  // Subgraph -> subgraph calls between roles hosted here go in process: executions reads the flows
  // it runs, flows registers a flow's triggers with executions, intelligence reads changed flows,
  // flows, intelligence and executions (webhook signature secrets) ask identity about credentials.
  const local = new Map<string, LocalSubgraph>();
  const localSubgraphs: LocalSubgraphs = (name) => (hosted.includes(name) ? () => local.get(name) : undefined);
  try {
    // Side by side: their migrations and connections overlap.
    const subgraphs = await Promise.all(
      hosted.map(async (name) => {
        const subgraph = await startSubgraphRole(await subgraphRole(name, env, localSubgraphs), { env, secrets, log: roleLog(name), port: subgraphPort(config, name, alone) });
        subgraphsStarted.push(subgraph);
        local.set(name, subgraph.subgraph.local);
        ports[name] = subgraph.port;
        return subgraph;
      }),
    );
    if (roles.has('gateway')) front.push(await startGateway(config, secrets, roleLog('gateway'), subgraphs, ports));
    if (roles.has('worker')) front.push(await startWorker(env, secrets, roleLog('worker')));
  } catch (error) {
    await stopAll();
    throw error;
  }
  log.info({ roles: [...roles], ports }, 'platform roles running');
  return { ports, log, close: stopAll };
}

async function startGateway(config: GatewayConfig, secrets: PlatformSecrets, log: Logger, subgraphs: readonly StartedSubgraph[], ports: Partial<Record<Role, number>>): Promise<Closable> {
  const { createGateway } = await import('@omnitron/gateway');
  const gateway = await createGateway({ config, secrets, log }, {
    localSubgraphs: subgraphs.map((s) => s.subgraph.local),
    localSubscriptions: subgraphs.flatMap((s) => (s.subscriptions ? [s.subscriptions] : [])),
  });
  ports.gateway = await gateway.listen(config.PORT).catch(async (error: unknown) => {
    await gateway.close();
    throw error;
  });
  return gateway;
}

async function startWorker(env: NodeJS.ProcessEnv, secrets: PlatformSecrets, log: Logger): Promise<Closable> {
  const { startExecutionsWorker } = await import('@omnitron/executions');
  return startExecutionsWorker({ config: serviceConfig(0, undefined, env), signingKey: secrets.internalSigningKey, log, env });
}
