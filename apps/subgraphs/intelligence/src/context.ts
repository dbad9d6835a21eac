import type { SubgraphContext } from '@omnitron/server-kit';
import type { IntelligenceServices } from './services/intelligence-services';

/** What intelligence resolvers get: the base context plus the shared services. */
export interface IntelligenceContext extends SubgraphContext {
  readonly services: IntelligenceServices;
}
