import type { SubgraphDefinition } from '@omnitron/server-kit';
import { createFlowsContext, type FlowsContext } from './context';
import { Flow } from './entities/flow.entity';
import { FlowVersion } from './entities/flow-version.entity';
import { migrations } from './migrations';
import { buildFlowsSchema } from './schema';
import { FlowStore } from './services/flow-store';
import { loadFlowsSettings, type FlowsSettings } from './settings';

/** The flows subgraph: flows, versions, import/export, templates, validation. */
export function createFlowsSubgraph(settings: FlowsSettings = loadFlowsSettings()): SubgraphDefinition<FlowsContext> {
  return {
    name: 'flows',
    entities: [Flow, FlowVersion],
    migrations,
    buildSchema: buildFlowsSchema,
    extendContext: (base) => createFlowsContext(base, settings),
    resources: async (orm, { log }) => {
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
        },
      };
    },
  };
}

export const flowsSubgraph = createFlowsSubgraph();
