import { lateRoutes, type LocalSubgraph, type SubgraphDefinition } from '@omnitron/server-kit';
import { createFlowsContext, type FlowsContext } from './context';
import { Flow } from './entities/flow.entity';
import { FlowVersion } from './entities/flow-version.entity';
import { PendingFlowChange } from './entities/pending-flow-change.entity';
import { migrations } from './migrations';
import { buildFlowsSchema } from './schema';
import { IdentityCredentialChecker, uncheckedCredentials, type CredentialReferenceChecker } from './services/credential-references';
import { FlowChangeFeed } from './services/flow-change-feed';
import { FlowStore } from './services/flow-store';
import { HttpTriggerRegistrar, InProcessTriggerRegistrar, streamOnlyRegistrar, type TriggerRegistrar } from './services/trigger-registrar';
import { loadFlowsSettings, type FlowsSettings } from './settings';

export interface FlowsSubgraphOptions {
  /**
   * The executions subgraph when it runs in this process too (undefined until it has started): a
   * flow's triggers are registered with it in process instead of over signed HTTP at
   * EXECUTIONS_URL. @default none
   */
  readonly localExecutions?: () => LocalSubgraph | undefined;
  /** The identity subgraph when it runs in this process too: credential references are checked with it in process instead of at IDENTITY_URL. @default none */
  readonly localIdentity?: () => LocalSubgraph | undefined;
}

/** The flows subgraph: flows, versions, import/export, templates, validation. */
export function createFlowsSubgraph(settings: FlowsSettings = loadFlowsSettings(), options: FlowsSubgraphOptions = {}): SubgraphDefinition<FlowsContext> {
  let flowChanges: FlowChangeFeed | undefined;
  let triggers: TriggerRegistrar = streamOnlyRegistrar;
  let credentials: CredentialReferenceChecker = uncheckedCredentials;
  return {
    name: 'flows',
    entities: [Flow, FlowVersion, PendingFlowChange],
    migrations,
    buildSchema: buildFlowsSchema,
    extendContext: (base) => createFlowsContext(base, settings, flowChanges, triggers, credentials),
    resources: async (orm, { config, log, signingKey }) => {
      const registrarLog = log.child({ component: 'trigger-registrar' });
      if (options.localExecutions) triggers = new InProcessTriggerRegistrar(options.localExecutions, registrarLog);
      else if (settings.executionsUrl) triggers = new HttpTriggerRegistrar(settings.executionsUrl, signingKey, registrarLog);
      if (options.localIdentity) credentials = new IdentityCredentialChecker(lateRoutes(options.localIdentity));
      else if (settings.identityUrl) credentials = new IdentityCredentialChecker(settings.identityUrl, signingKey);
      const feed = (flowChanges = new FlowChangeFeed(config.REDIS_URL, config.REDIS_PREFIX, orm, log));
      const purge = () =>
        new FlowStore(orm.em.fork(), settings).purgeExpired().then(
          (purged) => purged > 0 && log.info({ purged }, 'purged flows past their trash retention'),
          (error: unknown) => log.error({ err: error }, 'purging deleted flows failed'),
        );
      let running = purge();
      const timer = setInterval(() => (running = purge()), settings.purgeEveryMs);
      timer.unref();
      return {
        close: async () => {
          clearInterval(timer);
          await running;
          await feed.close();
        },
      };
    },
  };
}

export const flowsSubgraph = createFlowsSubgraph();
