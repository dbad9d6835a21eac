import type { MikroORM } from '@mikro-orm/core';
import type { SubgraphContext } from '@omnitron/server-kit';
import { createLoaders, type IdentityLoaders } from './loaders';
import { identityServicesOf, type IdentityServices } from './services/identity-services';

/** What identity resolvers get: the base context plus services and per-request loaders. */
export interface IdentityContext extends SubgraphContext {
  readonly services: IdentityServices;
  readonly loaders: IdentityLoaders;
}

export function identityContext(base: SubgraphContext, orm: MikroORM): IdentityContext {
  return { ...base, services: identityServicesOf(orm), loaders: createLoaders(base.em) };
}
