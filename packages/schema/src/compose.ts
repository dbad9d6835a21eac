import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

// Its own entry (`@omnitron/schema/compose`), not the package's main one: the composition library is
// for the build and tests, and would otherwise be loaded by every platform process for nothing.

export interface SubgraphSdl {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
}

export class CompositionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Supergraph composition failed:\n- ${problems.join('\n- ')}`);
    this.name = 'CompositionError';
  }
}

/** Composes subgraph SDLs into a supergraph SDL; throws CompositionError listing every problem. */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors && result.errors.length > 0) {
    throw new CompositionError(result.errors.map((e) => e.message));
  }
  if (!result.supergraphSdl) throw new CompositionError(['composition produced no supergraph']);
  return result.supergraphSdl;
}
