import type { SubgraphDefinition } from '@omnitron/server-kit';
import type { IntelligenceContext } from './context';
import { AiCallAttempt } from './entities/ai-call-attempt.entity';
import { AiProvider } from './entities/ai-provider.entity';
import { AiRoute } from './entities/ai-route.entity';
import { FlowNodeTiming } from './entities/flow-node-timing.entity';
import { FlowSearchDocument } from './entities/flow-search-document.entity';
import { internalRoutes } from './internal/internal-routes';
import { migrations } from './migrations';
import { buildIntelligenceSchema } from './schema';
import { openIntelligenceServices, type IntelligenceOptions, type IntelligenceServices } from './services/intelligence-services';

/**
 * The intelligence subgraph: AI providers and routing, flow analysis, flow search, execution stats.
 * A factory so tests can override settings; `resources` opens the services the resolvers share.
 */
export function createIntelligenceSubgraph(options: IntelligenceOptions = {}): SubgraphDefinition<IntelligenceContext> & { services(): IntelligenceServices } {
  let services: IntelligenceServices | undefined;
  const current = (): IntelligenceServices => {
    if (!services) throw new Error('intelligence services are not open yet');
    return services;
  };
  return {
    name: 'intelligence',
    entities: [AiProvider, AiRoute, AiCallAttempt, FlowSearchDocument, FlowNodeTiming],
    migrations,
    buildSchema: buildIntelligenceSchema,
    extendContext: (base) => ({ ...base, services: current() }),
    extraRoutes: (orm, deps) => internalRoutes(orm, deps, current),
    resources: async (orm, deps) => {
      const opened = await openIntelligenceServices(orm, deps, options);
      services = opened;
      return {
        ready: async () => ({ redis: (await opened.redis.ping().catch(() => '')) === 'PONG' }),
        close: () => opened.close(),
      };
    },
    services: current,
  };
}

export const intelligenceSubgraph = createIntelligenceSubgraph();
