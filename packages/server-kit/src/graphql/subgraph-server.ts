import { printSubgraphSchema } from '@apollo/subgraph';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { BaseConfig } from '../config';
import { GatewayRequestVerifier, routeOf, type Caller } from '../caller';
import { databaseAnswers } from '../db/open-database';
import { createHttpApp, healthRoutes, type HttpApp, type HttpRequestInfo, type Route } from '../http/http-app';
import { executorRoute } from './graphql-route';
import { localSubgraph, type LocalSubgraph } from './local-subgraph';
import { OperationExecutor } from './operation-executor';
import { operationLimitRules, subgraphOperationLimitsOf } from './operation-limits';

/** What every subgraph resolver gets. */
export interface SubgraphContext {
  readonly caller: Caller | null;
  /** The public client's IP, forwarded and signed by the gateway (null when absent). */
  readonly clientIp?: string | null;
  readonly requestId: string;
  /** A fresh unit of work for this request. */
  readonly em: EntityManager;
  readonly log: Logger;
}

export interface SubgraphServerOptions<TContext extends SubgraphContext> {
  readonly name: string;
  readonly schema: GraphQLSchema;
  readonly orm: MikroORM;
  readonly config: BaseConfig;
  readonly signingKey: string;
  readonly log: Logger;
  /** Adds per-request extras (DataLoaders, services) to the base context. */
  readonly extendContext?: (base: SubgraphContext) => TContext;
  readonly extraRoutes?: readonly Route[];
  readonly readyChecks?: () => Promise<Record<string, boolean>>;
}

export interface SubgraphServer {
  readonly http: HttpApp;
  /** What its GraphQL executor has kept and compiled. */
  readonly executor: Pick<OperationExecutor<unknown>, 'cachedDocuments' | 'compilations'>;
  readonly sdl: string;
  /** The same operations called in process, by a host running the gateway next to it (see LocalSubgraph). */
  readonly local: LocalSubgraph;
  listen(port: number): Promise<number>;
  close(): Promise<void>;
}

/** Builds the subgraph's HTTP server without listening, so tests can call it on port 0. */
export async function createSubgraphServer<TContext extends SubgraphContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer> {
  const { config, orm, log } = options;
  // graphql-js behind a document cache, not a general server: see OperationExecutor.
  // The gateway's limits again, as a second line (with room for what its plans add).
  const limits = subgraphOperationLimitsOf(config);
  const executor = new OperationExecutor<TContext>({ schema: options.schema, validationRules: operationLimitRules(limits), documentLimits: limits, log, compile: config.GRAPHQL_COMPILE });
  const gatewayRequests = new GatewayRequestVerifier(options.signingKey, config.SIGNATURE_MAX_AGE_MS);
  const contextFor = (caller: Caller | null, clientIp: string | null | undefined, requestId: string, requestLog: Logger): TContext => {
    const base: SubgraphContext = { caller, clientIp, requestId, em: orm.em.fork(), log: requestLog };
    return options.extendContext ? options.extendContext(base) : (base as TContext);
  };
  const context = async ({ req, url, requestId, log: requestLog }: HttpRequestInfo): Promise<TContext> => {
    const { caller, clientIp } = gatewayRequests.verify(routeOf(req.method ?? 'GET', url), req.headers);
    return contextFor(caller, clientIp, requestId, requestLog);
  };
  const ready = async () => ({ database: await databaseAnswers(orm), ...(await options.readyChecks?.()) });
  const http = createHttpApp(
    [...healthRoutes(ready), executorRoute({ executor, maxBodyBytes: config.MAX_BODY_BYTES, context }), ...(options.extraRoutes ?? [])],
    log,
    options.name,
  );
  return {
    http,
    executor,
    sdl: printSubgraphSchema(options.schema),
    local: localSubgraph({ name: options.name, executor, log, context: (call, requestLog) => contextFor(call.caller, call.clientIp ?? null, call.requestId, requestLog), routes: http.inProcess }),
    listen: (port) => http.listen(port, config.HOST),
    close: () => http.close(),
  };
}
