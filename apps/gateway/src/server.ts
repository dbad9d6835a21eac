import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { SUBGRAPHS } from '@omnitron/schema';
import { loadSupergraphSdl } from '@omnitron/schema/supergraph';
import { createHttpApp, depthLimit, formatError, graphqlRoute, healthRoutes, type HttpApp, type Route } from '@omnitron/server-kit';
import { AccessTokenAuthenticator } from './auth/access-token-authenticator';
import { bearerOf, type Authenticator } from './auth/authenticate';
import { subgraphUrl, type GatewayBoot } from './config';
import type { GatewayContext } from './context';
import { staticFilesRoute } from './http/static-files';
import { subgraphsReady } from './http/subgraph-health';
import { GatewayMetrics } from './metrics';
import { metricsPlugin } from './metrics-plugin';
import { operationResolutionPlugin } from './operation-resolution-plugin';
import { SignedDataSource } from './signed-data-source';
import { createSubscriptionServer, executeThroughApollo, type SubscriptionLimits, type SubscriptionServer } from './subscriptions';

export interface GatewayOptions {
  readonly authenticator?: Authenticator;
  readonly supergraphSdl?: string;
  /** Overrides of the graphql-ws limits (tests use small ones). */
  readonly subscriptionLimits?: Partial<SubscriptionLimits>;
}

export interface GatewayServer {
  readonly http: HttpApp;
  readonly metrics: GatewayMetrics;
  readonly subscriptions: SubscriptionServer;
  listen(port: number): Promise<number>;
  close(): Promise<void>;
}

/** The public door: authenticates, plans over the supergraph, signs subgraph calls, serves the studio. */
export async function createGateway(boot: GatewayBoot, options: GatewayOptions = {}): Promise<GatewayServer> {
  const { config, secrets, log } = boot;
  const metrics = new GatewayMetrics();
  const urls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, subgraphUrl(config, s.name)]));
  const supergraphSdl = options.supergraphSdl ?? loadSupergraphSdl();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => new SignedDataSource(name, urls[name]!, secrets.internalSigningKey, metrics),
    logger: log,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimit(config.MAX_QUERY_DEPTH)],
    plugins: [metricsPlugin(metrics), operationResolutionPlugin()],
    logger: log,
  });
  await apollo.start();
  const authenticator = options.authenticator ?? new AccessTokenAuthenticator();
  const routes: Route[] = [
    ...healthRoutes(() => subgraphsReady(urls)),
    {
      method: 'GET',
      path: '/metrics',
      handler: async ({ res }) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
      },
    },
    graphqlRoute({
      apollo,
      maxBodyBytes: config.MAX_BODY_BYTES,
      context: async ({ req, requestId, log: requestLog }) => ({
        caller: await authenticator.authenticate(bearerOf(req)),
        requestId,
        log: requestLog,
      }),
    }),
    staticFilesRoute(config.STUDIO_DIR),
  ];
  const http = createHttpApp(routes, log);
  const subscriptions = createSubscriptionServer({
    server: http.server,
    supergraphSdl,
    authenticator,
    dataSource: (name) => new SignedDataSource(name, urls[name]!, secrets.internalSigningKey, metrics),
    subgraphUrl: (name) => urls[name]!,
    signingKey: secrets.internalSigningKey,
    maxQueryDepth: config.MAX_QUERY_DEPTH,
    maxPayloadBytes: config.MAX_BODY_BYTES,
    executeOperation: (request, context) => executeThroughApollo(apollo, request, context),
    limits: { maxQueuedEvents: config.SUBSCRIPTION_MAX_QUEUED_EVENTS, ...options.subscriptionLimits },
    log,
  });
  return {
    http,
    metrics,
    subscriptions,
    listen: (port) => http.listen(port, config.HOST),
    close: async () => {
      await subscriptions.close();
      await http.close();
      await apollo.stop();
    },
  };
}
