import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { SUBGRAPHS } from '@omnitron/schema';
import { loadSupergraphSdl } from '@omnitron/schema/supergraph';
import { CallerSigner, createHttpApp, formatError, graphqlRoute, healthRoutes, operationLimitRules, operationLimitsOf, signedInternalRoutes, type HttpApp, type InternalRoutes, type LocalSubgraph, type LocalSubscriptions, type Route } from '@omnitron/server-kit';
import { authenticationOf, bearerOf, clientIpOf, type Authenticator } from './auth/authenticate';
import { createGatewayAuth } from './auth/gateway-auth';
import { subgraphUrl, type GatewayBoot } from './config';
import type { GatewayContext } from './context';
import { PreparedOperations } from './http/prepared-operations';
import { staticFilesRoute } from './http/static-files';
import { platformReady } from './http/subgraph-health';
import { WorkerPresence } from './http/worker-presence';
import { GatewayMetrics } from './metrics';
import { metricsPlugin } from './metrics-plugin';
import { OperationAdmission } from './operation-admission';
import { operationResolutionPlugin } from './operation-resolution-plugin';
import { InProcessDataSource } from './in-process-data-source';
import { SignedDataSource } from './signed-data-source';
import type { SubgraphDataSource } from './subgraph-data-source';
import { createSubscriptionServer, executeThroughApollo, type SubscriptionLimits, type SubscriptionServer } from './subscriptions';
import { EntityCache } from './entity-cache';
import { FederatedExecutor } from './execution/federated-executor';
import { SupergraphModel } from './execution/supergraph-model';
import { webhookBudget } from './webhooks/webhook-budget';
import { webhookRoute } from './webhooks/webhook-route';

export interface GatewayOptions {
  readonly authenticator?: Authenticator;
  readonly supergraphSdl?: string;
  /** Overrides of the graphql-ws limits (tests use small ones). */
  readonly subscriptionLimits?: Partial<SubscriptionLimits>;
  /** Answer plain POSTs of validated documents without Apollo Server's pipeline (tests compare both). @default true */
  readonly preparedOperations?: boolean;
  /**
   * Subgraphs hosted in this process, by name: the gateway calls them in process instead of over
   * signed HTTP (the others keep their URL). @default none
   */
  readonly localSubgraphs?: readonly LocalSubgraph[];
  /** Subscriptions of subgraphs hosted in this process, subscribed in process instead of over graphql-ws. @default none */
  readonly localSubscriptions?: readonly LocalSubscriptions[];
}

export interface GatewayServer {
  readonly http: HttpApp;
  readonly metrics: GatewayMetrics;
  readonly subscriptions: SubscriptionServer;
  /** The prepared-document path of plain POSTs, unless turned off. */
  readonly preparedOperations?: PreparedOperations;
  listen(port: number): Promise<number>;
  close(): Promise<void>;
}

/** The public door: authenticates, plans over the supergraph, signs subgraph calls, serves the studio. */
export async function createGateway(boot: GatewayBoot, options: GatewayOptions = {}): Promise<GatewayServer> {
  const { config, secrets, log } = boot;
  const metrics = new GatewayMetrics();
  const urls = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, subgraphUrl(config, s.name)]));
  const supergraphSdl = options.supergraphSdl ?? loadSupergraphSdl();
  // Identity's User answers depend only on the id (and a signed-in caller): one cache for queries and subscriptions.
  // One signer for every subgraph fetch: a caller's signed headers are reused for a second.
  const signer = new CallerSigner(secrets.internalSigningKey);
  const entityCaches: Record<string, EntityCache> = {
    identity: new EntityCache({ ttlMs: config.ENTITY_CACHE_TTL_MS, maxEntries: config.ENTITY_CACHE_MAX_ENTRIES, types: new Set(['User']) }),
  };
  // @apollo/gateway sends this host's CPU and memory figures to Apollo's servers unless this is set.
  // A self-hosted platform does not phone home by default; APOLLO_TELEMETRY_DISABLED=false opts in.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  // One data source per subgraph (one kept-alive connection pool each, or a call in process),
  // shared by Apollo's executor, the prepared path and subscription events.
  const local = new Map((options.localSubgraphs ?? []).map((subgraph) => [subgraph.name, subgraph]));
  const dataSources = new Map<string, SubgraphDataSource>();
  const dataSource = (name: string): SubgraphDataSource => {
    let source = dataSources.get(name);
    if (source) return source;
    const hosted = local.get(name);
    source = hosted
      ? new InProcessDataSource(hosted, urls[name]!, metrics, entityCaches[name])
      : new SignedDataSource(name, urls[name]!, signer, metrics, config.SUBGRAPH_TIMEOUT_MS, entityCaches[name]);
    dataSources.set(name, source);
    return source;
  };
  // Internal routes (the webhook forward, API-key checks) the same way: in process when hosted here.
  const internalRoutes = (name: string): InternalRoutes => local.get(name)?.routes ?? signedInternalRoutes(urls[name]!, secrets.internalSigningKey);
  const gateway = new ApolloGateway({ supergraphSdl, buildService: ({ name }) => dataSource(name), logger: log });
  // Planned and run by our own executors too (prepared queries, subscription events): modelled once.
  const supergraph = new SupergraphModel(supergraphSdl);
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate((loaded) => (apiSchema = loaded.apiSchema));
  const auth = await createGatewayAuth(
    {
      secrets,
      identity: internalRoutes('identity'),
      redisUrl: config.REDIS_URL,
      redisPrefix: config.REDIS_PREFIX,
      requestsPerMinute: config.GATEWAY_REQUESTS_PER_MINUTE,
      webhookRequestsPerMinute: config.WEBHOOK_REQUESTS_PER_MINUTE,
      apiKeyCacheTtlMs: config.API_KEY_CACHE_TTL_MS,
      log,
    },
    options.authenticator,
  );
  // How much one request may ask for: checked on its text, by validation, then with its variables.
  const limits = operationLimitsOf(config);
  const admission = new OperationAdmission(limits, auth.budget);
  const validationRules = operationLimitRules(limits);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Explicit: Apollo would otherwise turn introspection off whenever NODE_ENV is production.
    introspection: config.GRAPHQL_INTROSPECTION,
    validationRules,
    // A second guard: texts over the limits are refused before Apollo Server sees them (see `refuse`).
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [metricsPlugin(metrics), operationResolutionPlugin(admission)],
    logger: log,
  });
  await apollo.start();
  // The supergraph is static, so the schema and executor `apollo.start()` loaded stay the ones to use.
  const prepared =
    options.preparedOperations === false || !apiSchema
      ? undefined
      : new PreparedOperations({
          executor: new FederatedExecutor({ supergraph, services: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, dataSource(s.name)])), fallback: gateway.executor }).execute,
          schema: apiSchema,
          validationRules,
          documentLimits: limits,
          admit: (...args) => admission.admit(...args),
          metrics,
          log,
        });
  const authenticator = auth.authenticator;
  const workers = new WorkerPresence({ redisUrl: config.REDIS_URL, redisPrefix: config.REDIS_PREFIX, expected: config.READY_WORKERS, log });
  // The webhook door and its test URL: the same forward; each webhook path has its own budget,
  // misses spend the client address's.
  const webhooks = {
    executions: internalRoutes('executions'),
    maxBodyBytes: config.MAX_BODY_BYTES,
    timeoutMs: config.SUBGRAPH_TIMEOUT_MS + 5_000,
    compressAbove: config.COMPRESS_MIN_BYTES,
    budget: webhookBudget(auth.webhookBudget, auth.budget, (req) => clientIpOf(req, config.TRUST_PROXY)),
  };
  const routes: Route[] = [
    ...healthRoutes(() => platformReady(urls, workers)),
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
      refuse: (request) => admission.refuseHttpText(request),
      compressAbove: config.COMPRESS_MIN_BYTES,
      shortcut: prepared && ((request, context) => prepared.answer(request, context)),
      context: async ({ req, res, requestId, log: requestLog }) => {
        const clientIp = clientIpOf(req, config.TRUST_PROXY);
        let caller;
        try {
          ({ caller } = authenticationOf(await authenticator.authenticate(bearerOf(req))));
        } catch (error) {
          // Failed credentials spend the client IP's budget, so guessing keys is throttled too.
          await auth.budget.spendHttp(null, clientIp, res);
          throw error;
        }
        await auth.budget.spendHttp(caller, clientIp, res);
        return { caller, clientIp, requestId, log: requestLog };
      },
    }),
    webhookRoute(webhooks),
    webhookRoute({ ...webhooks, test: true }),
    webhookRoute({ ...webhooks, resume: true }),
    staticFilesRoute(config.STUDIO_DIR),
  ];
  const http = createHttpApp(routes, log, 'gateway');
  const subscriptions = createSubscriptionServer({
    server: http.server,
    supergraph,
    authenticator,
    dataSource,
    subgraphUrl: (name) => urls[name]!,
    signingKey: secrets.internalSigningKey,
    localSubscriptions: options.localSubscriptions,
    operationLimits: limits,
    maxPayloadBytes: config.MAX_BODY_BYTES,
    executeOperation: (request, context) => executeThroughApollo(apollo, request, context),
    clientIp: (req) => clientIpOf(req, config.TRUST_PROXY),
    spendBudget: (caller, clientIp) => auth.budget.spend(caller, clientIp),
    limits: { maxQueuedEvents: config.SUBSCRIPTION_MAX_QUEUED_EVENTS, ...options.subscriptionLimits },
    registry: metrics.registry,
    log,
  });
  return {
    http,
    metrics,
    subscriptions,
    preparedOperations: prepared,
    listen: (port) => http.listen(port, config.HOST),
    close: async () => {
      await subscriptions.close();
      await http.close();
      await apollo.stop();
      await auth.close();
      await workers.close();
      for (const source of dataSources.values()) source.close();
    },
  };
}
