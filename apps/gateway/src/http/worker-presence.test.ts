import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { bullPrefix, EXECUTIONS_QUEUE } from '@omnitron/schema';
import { deleteRedisKeysUnder, testRedisUrl, throwawayRedisPrefix } from '@omnitron/server-kit/testing';
import { bootGateway } from '../config';
import { createGateway, type GatewayServer } from '../server';

// A gateway whose subgraphs are all down, on a throwaway Redis prefix: only the workers check is of interest.
const prefix = throwawayRedisPrefix('ready-workers');
const dead = 'http://127.0.0.1:9/graphql';
const opened: Array<{ close: () => Promise<void> }> = [];

async function gatewayExpecting(readyWorkers: string | undefined): Promise<string> {
  const gateway: GatewayServer = await createGateway(
    bootGateway({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'omt-gw-ready-')),
      LOG_LEVEL: 'silent',
      REDIS_URL: testRedisUrl,
      REDIS_PREFIX: prefix,
      IDENTITY_URL: dead,
      FLOWS_URL: dead,
      EXECUTIONS_URL: dead,
      INTELLIGENCE_URL: dead,
      STUDIO_DIR: mkdtempSync(join(tmpdir(), 'omt-studio-')),
      ...(readyWorkers === undefined ? {} : { READY_WORKERS: readyWorkers }),
    }),
  );
  opened.push(gateway);
  return `http://127.0.0.1:${await gateway.listen(0)}/health/ready`;
}

/** A worker of the executions queue, as the executions worker process runs one (it never gets a job here). */
function startWorker(name: string): Worker {
  const connection = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker(EXECUTIONS_QUEUE, async () => undefined, { name, connection, prefix: bullPrefix(prefix) });
  // BullMQ leaves a connection it was given open.
  opened.push({
    close: async () => {
      await worker.close();
      connection.disconnect();
    },
  });
  return worker;
}

const checksOf = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, checks: ((await response.json()) as { checks: Record<string, boolean> }).checks };
};

/** Polls readiness until the workers check says `present` (a connection appears or goes in Redis's client list). */
async function untilWorkers(url: string, present: boolean): Promise<Record<string, boolean>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { checks } = await checksOf(url);
    if (checks.workers === present) return checks;
    if (Date.now() > deadline) throw new Error(`workers check stayed ${String(checks.workers)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterAll(async () => {
  for (const item of opened.reverse()) await item.close().catch(() => undefined);
  await deleteRedisKeysUnder(prefix);
});

describe('gateway readiness and the executions workers', () => {
  it('answers 503 naming workers until READY_WORKERS workers are connected, and again when one goes', async () => {
    const ready = await gatewayExpecting('2');
    const none = await checksOf(ready);
    expect(none.status).toBe(503);
    expect(none.checks.workers).toBe(false);

    const first = startWorker('first');
    await first.waitUntilReady();
    expect((await checksOf(ready)).checks.workers).toBe(false); // one of two
    const second = startWorker('second');
    await second.waitUntilReady();
    expect(await untilWorkers(ready, true)).toMatchObject({ workers: true });

    await second.close();
    const checks = await untilWorkers(ready, false);
    // The subgraphs are down too, and named as ever.
    expect(checks).toMatchObject({ identity: false, workers: false });
  });

  it('does not check workers unless READY_WORKERS is set', async () => {
    const ready = await gatewayExpecting(undefined);
    expect(Object.keys((await checksOf(ready)).checks).sort()).toEqual(['executions', 'flows', 'identity', 'intelligence']);
  });
});
