/** Keys outside the event streams, all under REDIS_PREFIX. */
export const runtimeKeys = {
  /** Pub/sub channel: message = execution id to cancel. */
  cancelChannel: (prefix: string) => `${prefix}:exec:cancel`,
  /** Set when a cancel is requested, so a worker picking the run up later still sees it. */
  cancelFlag: (prefix: string, executionId: string) => `${prefix}:exec:{${executionId}}:cancel`,
  /** Pub/sub channel: message = id of an execution that just settled. */
  settledChannel: (prefix: string) => `${prefix}:exec:settled`,
  /** Pub/sub channel: a flow's webhook registrations changed; every process forgets the ones it keeps (ephemeral/webhook-registry.ts). */
  webhooksChangedChannel: (prefix: string) => `${prefix}:webhooks:changed`,
  /** Held while one replica syncs a flow's triggers (`withFlowSyncLock`). */
  triggerSyncLock: (prefix: string, flowId: string) => `${prefix}:triggers:{${flowId}}:sync`,
  /** The listen waiting for a request on a webhook's test URL (hash: `id`, `listen` with its draft as JSON; expires with the listen). */
  webhookTestPath: (prefix: string, path: string) => `${prefix}:webhook-test:path:${path}`,
  /** One listen's state, read by the studio while it waits (JSON). */
  webhookTestListen: (prefix: string, listenId: string) => `${prefix}:webhook-test:listen:${listenId}`,
};
