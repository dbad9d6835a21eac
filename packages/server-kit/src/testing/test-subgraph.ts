import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { baseConfigSchema, type BaseConfig } from '../config';
import { routeOf, signCaller, type Caller } from '../caller';
import { createLogger, type Logger } from '../logger';
import { createSubgraph, type RunningSubgraph, type SubgraphDefinition } from '../graphql/subgraph-definition';
import type { SubgraphContext } from '../graphql/subgraph-server';
import { deleteRedisKeysUnder, testRedisUrl, throwawayDatabase, throwawayRedisPrefix } from './test-database';

export const TEST_SIGNING_KEY = 'test-signing-key-0123456789abcdef0123456789abcdef';

/** Config for a test: throwaway PostgreSQL database, private Redis prefix, temp data dir. */
export function testConfig(label: string, overrides: Partial<BaseConfig> = {}): { config: BaseConfig; drop: () => Promise<void> } {
  const db = throwawayDatabase(label);
  const config = baseConfigSchema.parse({
    DATA_DIR: mkdtempSync(join(tmpdir(), `omt-${label}-`)),
    DATABASE_URL: db.url,
    REDIS_URL: testRedisUrl,
    REDIS_PREFIX: throwawayRedisPrefix(label),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  });
  return { config: { ...config, ...overrides }, drop: db.drop };
}

export interface TestSubgraph {
  readonly subgraph: RunningSubgraph;
  readonly url: string;
  readonly config: BaseConfig;
  /** POSTs a GraphQL operation signed as `caller` (null = anonymous), like the gateway would. */
  request<T = unknown>(query: string, variables?: Record<string, unknown>, caller?: Caller | null): Promise<{ data?: T; errors?: Array<{ message: string; extensions: Record<string, unknown> }> }>;
  close(): Promise<void>;
}

/** Starts a subgraph on a free port against real PostgreSQL, for integration tests. */
export async function startTestSubgraph<T extends SubgraphContext>(
  definition: SubgraphDefinition<T>,
  options: {
    onQuery?: (sql: string) => void;
    config?: Partial<BaseConfig>;
    /** Logger to use instead of the default (tests capture log lines with it). */
    log?: Logger;
  } = {},
): Promise<TestSubgraph> {
  const { config, drop } = testConfig(definition.name, options.config);
  const log = options.log ?? createLogger(definition.name, config.LOG_LEVEL);
  const subgraph = await createSubgraph(definition, { config, signingKey: TEST_SIGNING_KEY, log, onQuery: options.onQuery });
  const port = await subgraph.listen(0);
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    subgraph,
    url,
    config,
    request: async (query, variables, caller = null) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signCaller(TEST_SIGNING_KEY, routeOf('POST', url), caller) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    close: async () => {
      await subgraph.close();
      await drop();
      // Its own throwaway prefix only: a prefix passed in may be shared with processes still running.
      // A Redis that cannot be reached (tests of an outage) holds nothing of this run to delete.
      if (!options.config?.REDIS_PREFIX) await deleteRedisKeysUnder(config.REDIS_PREFIX, config.REDIS_URL).catch(() => 0);
    },
  };
}
