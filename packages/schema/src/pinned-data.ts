/**
 * Pinned data: a node's output fixed in the studio's editor, so test runs of a draft
 * (`testNode`) use it instead of running the node (no outside call). It travels with the flow
 * graph as the node's own field, beside `data`:
 *
 *   { id, type, position, data: {...config}, pinnedData: <any JSON> }
 *
 * Production runs (started, webhook, schedule, retry) never read it: the engine runs every node.
 * A node without the field (or with `null`) is not pinned.
 */
export const PINNED_DATA_FIELD = 'pinnedData';

/**
 * The largest pinned output of one node, as JSON text (UTF-8 bytes): a draft with its pinned data
 * must fit a request (MAX_BODY_BYTES, 1 MiB by default) and a stored node output. @default 256 KiB
 */
export const PINNED_DATA_MAX_BYTES = 262_144;

/** Why a node's pinned data was refused; names the node and the field, as per-node problems do. */
export interface PinnedDataProblem {
  readonly nodeId: string;
  readonly field: typeof PINNED_DATA_FIELD;
  readonly code: 'PINNED_DATA_TOO_LARGE' | 'PINNED_DATA_INVALID';
  readonly message: string;
}

export interface PinnedDataReading {
  /** Pinned outputs by node id (only nodes that have one). */
  readonly pinned: ReadonlyMap<string, unknown>;
  readonly problems: readonly PinnedDataProblem[];
}

const utf8 = new TextEncoder();

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON text of a value, or undefined when it is not JSON (a function, a cycle, a bigint). */
function jsonText(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * Reads the pinned outputs of a graph's nodes (untrusted: a draft sent by the studio). Nodes that
 * are not objects or have no string id are left to the flow validator.
 */
export function readPinnedData(nodes: readonly unknown[], maxBytes: number = PINNED_DATA_MAX_BYTES): PinnedDataReading {
  const pinned = new Map<string, unknown>();
  const problems: PinnedDataProblem[] = [];
  for (const node of nodes) {
    if (!isRecord(node) || typeof node.id !== 'string') continue;
    const value = node[PINNED_DATA_FIELD];
    if (value === undefined || value === null) continue;
    const text = jsonText(value);
    if (text === undefined) {
      problems.push({ nodeId: node.id, field: PINNED_DATA_FIELD, code: 'PINNED_DATA_INVALID', message: `Node "${node.id}": pinnedData must be JSON` });
      continue;
    }
    const bytes = utf8.encode(text).byteLength;
    if (bytes > maxBytes) {
      problems.push({
        nodeId: node.id,
        field: PINNED_DATA_FIELD,
        code: 'PINNED_DATA_TOO_LARGE',
        message: `Node "${node.id}": pinnedData is ${bytes} bytes; the limit is ${maxBytes}`,
      });
      continue;
    }
    pinned.set(node.id, value);
  }
  return { pinned, problems };
}
