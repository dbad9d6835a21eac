import { resolve } from 'node:path';
import { z } from 'zod';
import { SUBGRAPHS } from '@omnitron/schema';
import { bootService, repoRoot, serviceConfig } from '@omnitron/server-kit';

const subgraphUrls = Object.fromEntries(
  SUBGRAPHS.map((s) => [`${s.name.toUpperCase()}_URL`, z.url().default(`http://127.0.0.1:${s.port}/graphql`)]),
) as Record<`${Uppercase<(typeof SUBGRAPHS)[number]['name']>}_URL`, z.ZodDefault<z.ZodURL>>;

/** Gateway settings on top of the shared ones. */
export const gatewaySettings = {
  ...subgraphUrls,
  /** Folder of the built studio, served at `/`. @default apps/studio/dist */
  STUDIO_DIR: z.string().default(resolve(repoRoot, 'apps/studio/dist')),
  /** Timeout for one subgraph fetch. @default 30_000 */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Events waiting for one graphql-ws client before it is closed as too slow (4408). @default 5_000 */
  SUBSCRIPTION_MAX_QUEUED_EVENTS: z.coerce.number().int().positive().default(5_000),
  /** Requests per minute per caller (API key, user, or client IP when anonymous). @default 600 */
  GATEWAY_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /**
   * Requests per minute to one webhook path, shared by every sender and gateway replica (a payment
   * provider calls from few addresses, so webhooks do not spend the per-address budget above; a
   * request to a path no flow has does, so scanning for paths stays throttled). Webhook bodies
   * are limited by MAX_BODY_BYTES. @default 3_000
   */
  WEBHOOK_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(3_000),
  /** How long a verified API key is trusted before asking identity again; revocations apply at once regardless. @default 30_000 */
  API_KEY_CACHE_TTL_MS: z.coerce.number().int().nonnegative().default(30_000),
  /**
   * How long the gateway answers `User` references (a flow's owner, a version's author) without
   * asking identity again; 0 = always ask. Users' fields do not change through the API. @default 60_000
   */
  ENTITY_CACHE_TTL_MS: z.coerce.number().int().nonnegative().default(60_000),
  /** Most entity answers the gateway keeps. @default 10_000 */
  ENTITY_CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(10_000),
  /** Answer introspection queries (`__schema`, `__type`), whatever NODE_ENV says. @default true */
  GRAPHQL_INTROSPECTION: z.stringbool().default(true),
  /**
   * GraphQL and webhook answers of at least this many bytes are sent gzip- or brotli-compressed to
   * clients that accept it (the studio's files are compressed at build, whatever their size). @default 1_024
   */
  COMPRESS_MIN_BYTES: z.coerce.number().int().nonnegative().default(1_024),
  /** Behind a reverse proxy: take the client IP from the last X-Forwarded-For entry. @default false */
  TRUST_PROXY: z.stringbool().default(false),
  /**
   * Executions workers that must be connected to Redis (on any machine) for `/health/ready` to
   * answer 200; fewer answer 503 with `workers: false`. 0 = not checked. `npm start` sets it to its
   * WORKERS. @default 0
   */
  READY_WORKERS: z.coerce.number().int().nonnegative().default(0),
};

export function bootGateway(env: NodeJS.ProcessEnv = process.env) {
  return bootService('gateway', 4000, gatewaySettings, env);
}

/** The gateway's settings alone, for a host that loads secrets and makes its logger once for all its roles. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return serviceConfig(4000, gatewaySettings, env);
}
export type GatewayBoot = ReturnType<typeof bootGateway>;
export type GatewayConfig = GatewayBoot['config'];

export function subgraphUrl(config: GatewayConfig, name: string): string {
  return config[`${name.toUpperCase()}_URL` as keyof GatewayConfig] as string;
}
