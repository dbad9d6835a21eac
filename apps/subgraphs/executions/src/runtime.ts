import type { MikroORM } from '@mikro-orm/core';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CredentialStoreClient, type BaseConfig, type Logger } from '@omnitron/server-kit';
import { HttpFlowsClient, type FlowsClient } from './clients/flows-client';
import { createEphemeralWebhooks, type EphemeralWebhooks } from './ephemeral/ephemeral-webhooks';
import { ExecutionEventStream } from './events/event-stream';
import { SettledNotifier } from './events/settled-notifier';
import { createExecutionsQueue, type ExecutionsJobData } from './queue/run-queue';
import type { ExecutionsSettings } from './settings';

/** Everything the subgraph's resolvers, its internal routes and the worker share. */
export interface ExecutionsRuntime {
  readonly orm: MikroORM;
  readonly config: BaseConfig;
  readonly settings: ExecutionsSettings;
  readonly signingKey: string;
  readonly log: Logger;
  /** Commands (never blocking). */
  readonly redis: Redis;
  readonly queue: Queue<ExecutionsJobData>;
  readonly events: ExecutionEventStream;
  readonly flows: FlowsClient;
  /** Identity's credential routes (webhook signature secrets): in process when identity runs here, else signed HTTP at IDENTITY_URL. */
  readonly credentials: CredentialStoreClient;
  /** Waits for runs to settle over one shared subscription. */
  readonly settled: SettledNotifier;
  /** The webhook registry and the ephemeral run machinery (made on first use: workers never use it). */
  readonly webhooks: EphemeralWebhooks;
  close(): Promise<void>;
}

export interface RuntimeInit {
  readonly orm: MikroORM;
  readonly config: BaseConfig;
  readonly settings: ExecutionsSettings;
  readonly signingKey: string;
  readonly log: Logger;
  /** Replaces the HTTP flows client (tests serve flows from a small real server instead). */
  readonly flows?: FlowsClient;
  /** Replaces the signed HTTP credential client (a host with identity beside it calls it in process). */
  readonly credentials?: CredentialStoreClient;
}

export function redisConnection(url: string, options: { autoPipelining?: boolean } = {}): Redis {
  // BullMQ needs maxRetriesPerRequest: null on connections it blocks on; harmless elsewhere.
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, enableAutoPipelining: options.autoPipelining ?? false });
}

export function createRuntime(init: RuntimeInit): ExecutionsRuntime {
  // Commands only (never blocking): batching the many small appends per tick saves round trips.
  const redis = redisConnection(init.config.REDIS_URL, { autoPipelining: true });
  // BullMQ defines its ~50 scripts on the connection it is given, and every auto-pipeline copies
  // a connection's scripts: on the commands connection that copy cost more than the commands.
  const queueConnection = redisConnection(init.config.REDIS_URL);
  const queue = createExecutionsQueue(queueConnection, init.config.REDIS_PREFIX);
  const runtime: ExecutionsRuntime = {
    ...init,
    redis,
    queue,
    events: new ExecutionEventStream(redis, init.config.REDIS_PREFIX, init.settings.EVENT_STREAM_TTL_SECONDS),
    flows: init.flows ?? new HttpFlowsClient(init.settings.FLOWS_URL, init.signingKey),
    credentials: init.credentials ?? new CredentialStoreClient(init.settings.IDENTITY_URL, init.signingKey),
    get settled() {
      return settled;
    },
    get webhooks() {
      return (webhooks ??= createEphemeralWebhooks(runtime));
    },
    close: async () => {
      settled.close();
      runtime.events.close();
      await queue.close();
      queueConnection.disconnect();
      redis.disconnect();
    },
  };
  const settled = new SettledNotifier(runtime);
  let webhooks: EphemeralWebhooks | undefined;
  return runtime;
}
