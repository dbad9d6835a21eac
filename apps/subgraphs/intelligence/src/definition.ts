import type { SubgraphDefinition } from '@omnitron/server-kit';
import { AiProvider } from './entities/ai-provider.entity';
import { migrations } from './migrations';
import { buildIntelligenceSchema } from './schema';

/** The intelligence subgraph: AI providers and routing, flow analysis, flow search, execution stats. */
export const intelligenceSubgraph: SubgraphDefinition = {
  name: 'intelligence',
  entities: [AiProvider],
  migrations,
  buildSchema: buildIntelligenceSchema,
};
