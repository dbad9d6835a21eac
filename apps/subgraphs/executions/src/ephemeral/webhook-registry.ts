import type { Redis } from 'ioredis';
import { ephemeralRefusal, prepareFlow, webhookTriggersOf, type PreparedFlow, type WebhookTrigger } from '@omnitron/nodes';
import { TriggerRegistration } from '../entities/trigger-registration.entity';
import { respondNodeIdsOf } from '../http/webhook-answer';
import { runtimeKeys } from '../redis-keys';
import type { ExecutionsRuntime } from '../runtime';

/** A webhook path's registration as a request needs it, with its flow compiled when it may run ephemeral. */
export interface RegisteredWebhook {
  readonly registration: TriggerRegistration;
  readonly trigger: WebhookTrigger | undefined;
  /** Its flow's `respond` nodes, for the answer of a call that runs ephemeral. */
  readonly respondNodeIds: readonly string[];
  /**
   * The flow compiled once for this registration when its calls run ephemeral (in the receiving
   * process): the flow is set `ephemeral`, the trigger answers at the end, the flow has no node an
   * ephemeral run cannot have (it may have been saved with one since the setting was turned on)
   * and no concurrency limit (admission lives in the worker). Undefined: the durable path.
   */
  readonly ephemeral: PreparedFlow | undefined;
}

interface CachedWebhook {
  readonly webhook: RegisteredWebhook;
  readonly expiresAt: number;
}

/** Most paths kept at once; beyond it the oldest entry goes first. */
const MAX_CACHED_PATHS = 10_000;

/**
 * The registration behind each webhook path, read from the database once and then kept for
 * WEBHOOK_CACHE_TTL_MS, with its flow compiled once per registration (so once per flow version
 * and settings). A sync of a flow's triggers (`syncFlowTriggers`, on activation, deactivation,
 * saves and settings changes) clears this process's entries at once and publishes on Redis so
 * every other process clears its own; the TTL bounds how long a process that missed the message
 * (a Redis reconnect) answers from a stale entry. Paths with no registration are never kept, so
 * unknown paths cannot fill it.
 */
export class WebhookRegistry {
  private readonly entries = new Map<string, CachedWebhook>();
  /** Bumped by every invalidation: a read that began before one does not store what it read. */
  private generation = 0;
  private subscriber: Redis | undefined;

  constructor(private readonly runtime: ExecutionsRuntime) {}

  /** Subscribes to invalidations from other processes. */
  async start(): Promise<void> {
    const subscriber = this.runtime.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('message', () => this.clear());
    // After a reconnect messages may have been missed: start over.
    subscriber.on('ready', () => this.clear());
    await subscriber.subscribe(runtimeKeys.webhooksChangedChannel(this.runtime.config.REDIS_PREFIX));
  }

  /** The path's webhook, or undefined when none is registered there. */
  async lookup(path: string): Promise<RegisteredWebhook | undefined> {
    const cached = this.entries.get(path);
    if (cached && cached.expiresAt > Date.now()) return cached.webhook;
    const generation = this.generation;
    const registration = await this.runtime.orm.em.fork().findOne(TriggerRegistration, { path, kind: 'webhook' });
    if (!registration) {
      this.entries.delete(path);
      return undefined;
    }
    const webhook = this.webhookOf(registration);
    if (generation === this.generation) this.keep(path, webhook);
    return webhook;
  }

  /** Forgets every entry here and tells the other processes to forget theirs. */
  async invalidate(): Promise<void> {
    this.clear();
    await this.runtime.redis.publish(runtimeKeys.webhooksChangedChannel(this.runtime.config.REDIS_PREFIX), '*');
  }

  close(): void {
    this.subscriber?.disconnect();
    this.clear();
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
  }

  private keep(path: string, webhook: RegisteredWebhook): void {
    this.entries.delete(path);
    if (this.entries.size >= MAX_CACHED_PATHS) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(path, { webhook, expiresAt: Date.now() + this.runtime.settings.WEBHOOK_CACHE_TTL_MS });
  }

  private webhookOf(registration: TriggerRegistration): RegisteredWebhook {
    const trigger = webhookTriggersOf(registration.graph).find((t) => t.nodeId === registration.nodeId);
    return { registration, trigger, respondNodeIds: respondNodeIdsOf(registration.graph.nodes), ephemeral: this.ephemeralFlowOf(registration, trigger) };
  }

  private ephemeralFlowOf(registration: TriggerRegistration, trigger: WebhookTrigger | undefined): PreparedFlow | undefined {
    const settings = registration.settings;
    if (!settings?.ephemeral || trigger?.respond !== 'end') return undefined;
    if (settings.concurrencyLimit != null || settings.concurrencyKey != null) return undefined;
    const refusal = ephemeralRefusal(registration.graph, { allowEffects: settings.ephemeralAllowEffects === true });
    if (refusal) {
      this.runtime.log.warn({ flowId: registration.flowId, path: registration.path, reason: refusal.message }, 'an ephemeral flow runs durably: it has a node an ephemeral run cannot have');
      return undefined;
    }
    const prepared = prepareFlow(registration.graph);
    // An invalid flow takes the durable path, which refuses it as it refuses any invalid flow.
    return 'error' in prepared ? undefined : prepared;
  }
}
