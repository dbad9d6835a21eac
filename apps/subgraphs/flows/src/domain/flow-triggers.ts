/**
 * What kind of triggers a flow has, derived on save for the list's `triggerType` filter and the
 * `Flow.triggerTypes` field. Only webhook and schedule triggers are registered, and so only they
 * depend on `active`; a manual trigger runs whenever someone starts it.
 */

export const TRIGGER_TYPES = ['manual', 'webhook', 'schedule'] as const;
export type TriggerKind = (typeof TRIGGER_TYPES)[number];

const NODE_TYPE_OF: Readonly<Record<string, TriggerKind>> = {
  'trigger.manual': 'manual',
  'trigger.webhook': 'webhook',
  'trigger.schedule': 'schedule',
};

/** The distinct trigger kinds among `nodes`, in TRIGGER_TYPES order. */
export function triggerKindsOf(nodes: readonly unknown[]): TriggerKind[] {
  const found = new Set<TriggerKind>();
  for (const node of nodes) {
    const type = typeof node === 'object' && node !== null ? (node as { type?: unknown }).type : undefined;
    const kind = typeof type === 'string' ? NODE_TYPE_OF[type] : undefined;
    if (kind) found.add(kind);
  }
  return TRIGGER_TYPES.filter((kind) => found.has(kind));
}

/** `|webhook|schedule|` (empty without triggers): one `like '%|kind|%'` finds a kind on SQLite and PostgreSQL. */
export function triggerIndexOf(nodes: readonly unknown[]): string {
  const kinds = triggerKindsOf(nodes);
  return kinds.length === 0 ? '' : `|${kinds.join('|')}|`;
}

export function triggerKindsOfIndex(index: string): TriggerKind[] {
  return TRIGGER_TYPES.filter((kind) => index.includes(`|${kind}|`));
}

/** Whether the flow has a trigger that is registered (and so only runs on its own while active). */
export function hasRegisteredTrigger(index: string): boolean {
  return index.includes('|webhook|') || index.includes('|schedule|');
}
