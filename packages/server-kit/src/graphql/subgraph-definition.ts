import type { MigrationObject, MikroORM } from '@mikro-orm/core';
import type { GraphQLSchema } from 'graphql';
import type { BaseConfig } from '../config';
import type { Logger } from '../logger';
import { bootService } from '../main-helpers';
import { onShutdown } from '../shutdown';
import { runMain } from '../config';
import { databaseSettingsOf, openDatabase, type Entity } from '../db/open-database';
import type { Route } from '../http/http-app';
import { createSubgraphServer, type SubgraphContext, type SubgraphServer } from './subgraph-server';

/** What the process around a subgraph supplies. */
export interface SubgraphDeps {
  readonly config: BaseConfig;
  readonly signingKey: string;
  readonly log: Logger;
  /** Called with each SQL statement (tests count queries). */
  readonly onQuery?: (sql: string) => void;
}

/** Everything that makes one subgraph: its data, its schema, and optional extras. */
export interface SubgraphDefinition<TContext extends SubgraphContext = SubgraphContext> {
  readonly name: string;
  readonly entities: readonly Entity[];
  readonly migrations: readonly MigrationObject[];
  readonly buildSchema: () => Promise<GraphQLSchema>;
  readonly extendContext?: (base: SubgraphContext, orm: MikroORM) => TContext;
  readonly extraRoutes?: (orm: MikroORM, deps: SubgraphDeps) => readonly Route[];
  /** Resources to open after the database (queues, clients); closed on shutdown. */
  readonly resources?: (orm: MikroORM, deps: SubgraphDeps) => Promise<{ ready?: () => Promise<Record<string, boolean>>; close(): Promise<void> }>;
}

export type RunningSubgraph = SubgraphServer & { readonly orm: MikroORM };

/** Builds a subgraph (database opened, migrations applied) without listening. */
export async function createSubgraph<TContext extends SubgraphContext>(
  definition: SubgraphDefinition<TContext>,
  deps: SubgraphDeps,
): Promise<RunningSubgraph> {
  // An empty prefix would put this install's queues and streams at the root of the Redis keyspace.
  if (!deps.config.REDIS_PREFIX) throw new Error('REDIS_PREFIX is empty: build the config with loadConfig(), which derives it');
  const orm = await openDatabase({
    subgraph: definition.name,
    entities: definition.entities,
    migrations: definition.migrations,
    ...databaseSettingsOf(deps.config),
    onQuery: deps.onQuery,
  });
  const resources = await definition.resources?.(orm, deps);
  const extend = definition.extendContext;
  const server = await createSubgraphServer<TContext>({
    name: definition.name,
    schema: await definition.buildSchema(),
    orm,
    config: deps.config,
    signingKey: deps.signingKey,
    log: deps.log,
    extendContext: extend ? (base) => extend(base, orm) : undefined,
    extraRoutes: definition.extraRoutes?.(orm, deps),
    readyChecks: resources?.ready,
  });
  return {
    ...server,
    orm,
    close: async () => {
      await server.close();
      await resources?.close();
      await orm.close();
    },
  };
}

/** A subgraph's `main`: boot config, listen on PORT (or the default), stop cleanly on signals. */
export function runSubgraph<TContext extends SubgraphContext>(definition: SubgraphDefinition<TContext>, defaultPort: number): Promise<void> {
  return runMain(async () => {
    const { config, secrets, log } = bootService(definition.name, defaultPort);
    const server = await createSubgraph(definition, { config, signingKey: secrets.internalSigningKey, log });
    const port = await server.listen(config.PORT);
    log.info({ port }, `${definition.name} subgraph listening`);
    onShutdown(log, () => server.close());
  });
}
