import { getNodeDefinition } from '../catalog';
import type { NodeEffects } from '../catalog/node-definition';
import { webhookTrigger } from '../catalog/trigger.webhook/definition';
import type { FlowGraph } from '../types';

/** Why a flow may not run ephemeral (in the process that received its webhook), naming the node when one is the reason. */
export interface EphemeralRefusal {
  readonly nodeId?: string;
  readonly message: string;
}

/** What a node type touches beyond its run; an unknown type counts as needing the worker. */
export function effectsOf(type: string): NodeEffects {
  return getNodeDefinition(type)?.effects ?? 'worker';
}

/**
 * Whether `flow` may run ephemeral: it starts from a webhook, and every node is pure (`effects:
 * 'none'`), or calls outside (`'outside'`) when `allowEffects` is set. A node that needs the
 * worker (code, subflow, map, delay, wait, database) never may. Undefined when it may; else the
 * first reason, naming the node.
 */
export function ephemeralRefusal(flow: FlowGraph, options: { readonly allowEffects: boolean }): EphemeralRefusal | undefined {
  if (!flow.nodes.some((node) => node.type === webhookTrigger.type)) {
    return { message: 'Only a flow started by a webhook can run ephemeral: this one has no webhook trigger' };
  }
  for (const node of flow.nodes) {
    const effects = effectsOf(node.type);
    if (effects === 'none' || (effects === 'outside' && options.allowEffects)) continue;
    const message =
      effects === 'outside'
        ? `Node "${node.id}" (${node.type}) has effects outside the run: allow effects to run this flow ephemeral`
        : `Node "${node.id}" (${node.type}) needs the worker (durability, sandbox or child runs): a flow with it cannot run ephemeral`;
    return { nodeId: node.id, message };
  }
  return undefined;
}
