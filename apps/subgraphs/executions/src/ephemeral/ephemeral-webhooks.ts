import type { ExecutionsRuntime } from '../runtime';
import { runLimitsOf } from '../settings';
import { EphemeralServices } from './ephemeral-services';
import type { EphemeralHost } from './ephemeral-run';
import { RunRecorder } from './run-recorder';
import { WebhookRegistry } from './webhook-registry';

/** The webhook registry and the ephemeral run machinery of one executions runtime. */
export interface EphemeralWebhooks extends EphemeralHost {
  readonly registry: WebhookRegistry;
  /** Subscribes the registry to invalidations. */
  start(): Promise<void>;
  /** Writes the runs still waiting, then lets go of connections. */
  close(): Promise<void>;
}

/** The webhook registry and ephemeral run host of `runtime` (its `webhooks`, made on first use). */
export function createEphemeralWebhooks(runtime: ExecutionsRuntime): EphemeralWebhooks {
  const registry = new WebhookRegistry(runtime);
  const recorder = new RunRecorder(runtime);
  const services = new EphemeralServices(runtime.settings, runtime.signingKey, runtime.credentials);
  let started: Promise<void> | undefined;
  return {
    registry,
    recorder,
    services,
    limits: runLimitsOf(runtime.settings),
    timeoutMs: runtime.settings.WEBHOOK_WAIT_MS,
    outputMaxBytes: runtime.settings.NODE_OUTPUT_MAX_BYTES,
    start: () => (started ??= registry.start()),
    close: async () => {
      await recorder.close();
      registry.close();
      await services.close();
    },
  };
}

/**
 * Tells every process that a flow's webhook registrations changed: this one forgets what it kept
 * at once (so a deactivated webhook answers 404 from the next call), the others on the Redis message.
 */
export async function webhooksChanged(runtime: ExecutionsRuntime): Promise<void> {
  // Other processes that miss it answer from what they kept for at most WEBHOOK_CACHE_TTL_MS.
  await runtime.webhooks.registry.invalidate().catch((error: unknown) => runtime.log.warn({ err: error }, 'telling other processes of changed webhooks failed'));
}
