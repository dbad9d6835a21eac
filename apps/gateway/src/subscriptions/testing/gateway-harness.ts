import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import { jwtVerify, SignJWT } from 'jose';
import WebSocket from 'ws';
import { unauthenticated } from '@omnitron/schema';
import type { Caller, Role } from '@omnitron/server-kit';
import { testRedisUrl, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { bootGateway } from '../../config';
import { createGateway, type GatewayServer } from '../../server';
import type { SubscriptionLimits } from '../subscription-server';
import { CatalogFixture, composeFixtureSupergraph, RunsFixture } from './run-fixtures';

export const FIXTURE_SIGNING_KEY = 'fixture-signing-key-0123456789abcdef0123456789abcdef';
const tokenKey = new TextEncoder().encode('fixture-token-key-0123456789abcdef');
/** The real authenticator is built too (and then overridden); it needs a well-formed key pair. */
export const jwtKeys = generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

/** An access token for the fixture authenticator; `ttlSeconds` may be short to test expiry. */
export function tokenFor(caller: { userId: string; workspaceId: string; role?: Role }, ttlSeconds = 600): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ wid: caller.workspaceId, role: caller.role ?? 'viewer' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.userId)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(tokenKey);
}

/** Stands in for the real authenticator: verifies the fixture's tokens, refuses everything else. */
export const fixtureAuthenticator = {
  async authenticate(credential: string | undefined): Promise<{ caller: Caller | null; expiresAt: number | null }> {
    if (credential === undefined) return { caller: null, expiresAt: null };
    try {
      const { payload } = await jwtVerify<{ wid: string; role: Role }>(credential, tokenKey);
      return { caller: { userId: payload.sub!, workspaceId: payload.wid, role: payload.role, scopes: null }, expiresAt: payload.exp! * 1000 };
    } catch {
      throw unauthenticated('Invalid or expired credentials');
    }
  },
};

export interface FixtureGateway {
  readonly gateway: GatewayServer;
  readonly runs: RunsFixture;
  readonly catalog: CatalogFixture;
  /** ws:// URL of the gateway's /graphql. */
  readonly url: string;
  close(): Promise<void>;
}

export interface TestGateway {
  readonly gateway: GatewayServer;
  /** ws:// URL of the gateway's /graphql. */
  readonly url: string;
  /** http:// URL of the gateway's /graphql. */
  readonly httpUrl: string;
}

/** A real gateway on a free port over `supergraphSdl`, with the fixture authenticator. */
export async function startGateway(supergraphSdl: string, env: Record<string, string>, limits: Partial<SubscriptionLimits> = {}): Promise<TestGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'omt-gw-subs-'));
  const dead = 'http://127.0.0.1:9/graphql';
  const boot = bootGateway({
    DATA_DIR: dir,
    STUDIO_DIR: dir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    IDENTITY_URL: dead,
    FLOWS_URL: dead,
    EXECUTIONS_URL: dead,
    INTELLIGENCE_URL: dead,
    INTERNAL_SIGNING_KEY: FIXTURE_SIGNING_KEY,
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    JWT_PRIVATE_KEY: jwtKeys.privateKey,
    JWT_PUBLIC_KEY: jwtKeys.publicKey,
    REDIS_URL: testRedisUrl,
    REDIS_PREFIX: throwawayRedisPrefix('gw-subs'),
    // Hundreds of sockets for one user connect within a second here; the budget is not under test.
    GATEWAY_REQUESTS_PER_MINUTE: '1000000',
    ...env,
  });
  const gateway = await createGateway(boot, { authenticator: fixtureAuthenticator, supergraphSdl, subscriptionLimits: limits });
  const port = await gateway.listen(0);
  return { gateway, url: `ws://127.0.0.1:${port}/graphql`, httpUrl: `http://127.0.0.1:${port}/graphql` };
}

/** Two fixture subgraphs, composed, behind a real gateway listening on a free port. */
export async function startFixtureGateway(limits: Partial<SubscriptionLimits> = {}, env: Record<string, string> = {}): Promise<FixtureGateway> {
  const runs = new RunsFixture(FIXTURE_SIGNING_KEY);
  const catalog = new CatalogFixture(FIXTURE_SIGNING_KEY);
  await runs.subgraph.start();
  await catalog.subgraph.start();
  const { gateway, url } = await startGateway(
    composeFixtureSupergraph(runs, catalog),
    { EXECUTIONS_URL: runs.subgraph.url, FLOWS_URL: catalog.subgraph.url, ...env },
    limits,
  );
  return {
    gateway,
    runs,
    catalog,
    url,
    close: async () => {
      await gateway.close();
      await runs.subgraph.stop();
      await catalog.subgraph.stop();
    },
  };
}

/** A graphql-ws client that never retries, so tests see every close. */
export function clientFor(url: string, token: string | undefined, options: Partial<ClientOptions> = {}): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 0,
    connectionParams: token === undefined ? {} : { authorization: `Bearer ${token}` },
    ...options,
  });
}

export interface Collected<T> {
  readonly results: T[];
  /** Settles when the subscription ends: `error` is what the client was told, if anything. */
  readonly ended: Promise<{ error?: unknown }>;
  unsubscribe(): void;
  /** Resolves once `count` results arrived. */
  until(count: number): Promise<T[]>;
}

/** Subscribes and collects every result. */
export function collect<T = { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): Collected<T> {
  const results: T[] = [];
  const waiters: Array<{ count: number; resolve: (r: T[]) => void }> = [];
  let settle!: (outcome: { error?: unknown }) => void;
  const ended = new Promise<{ error?: unknown }>((resolve) => (settle = resolve));
  const unsubscribe = client.subscribe<Record<string, unknown>>(
    { query, variables },
    {
      next: (result) => {
        results.push(result as T);
        for (const waiter of [...waiters]) {
          if (results.length >= waiter.count) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(results);
          }
        }
      },
      error: (error) => settle({ error }),
      complete: () => settle({}),
    },
  );
  return {
    results,
    ended,
    unsubscribe,
    until: (count) => (results.length >= count ? Promise.resolve(results) : new Promise((resolve) => waiters.push({ count, resolve }))),
  };
}

/** Polls `check` until it holds (tests wait on the system, never on fixed sleeps). */
export async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
