import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GraphQLFormattedError } from 'graphql';

/** An `_entities` fetch with each distinct representation sent once, and how to answer for all. */
export interface DistinctRepresentations {
  /** The fetch's variables with `representations` holding each distinct one once. */
  readonly variables: Record<string, unknown>;
  /** The subgraph's answer for the distinct representations, as it would have been for all of them. */
  expand(answer: GatewayGraphQLResponse): GatewayGraphQLResponse;
}

/**
 * @apollo/gateway sends one representation per entity in the result, repeated as often as the
 * entity appears: a page of 50 flows with one owner asks identity to resolve `{ __typename: "User",
 * id }` 50 times. Within one fetch every representation is resolved for the same caller, so equal
 * representations have equal answers: send each once and copy its answer (and its errors, with
 * their `_entities` index) to every entity that asked. Undefined when there is nothing to merge.
 */
export function distinctRepresentations(variables: Record<string, unknown> | undefined): DistinctRepresentations | undefined {
  const representations = variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return undefined;
  const slotByKey = new Map<string, number>();
  const distinct: unknown[] = [];
  /** For each original index, the index of its representation in `distinct`. */
  const slots = representations.map((representation) => {
    const key = representationKey(representation);
    let slot = slotByKey.get(key);
    if (slot === undefined) {
      slot = distinct.push(representation) - 1;
      slotByKey.set(key, slot);
    }
    return slot;
  });
  if (distinct.length === representations.length) return undefined;
  return {
    variables: { ...variables, representations: distinct },
    expand: (answer) => expandAnswer(answer, slots, distinct.length),
  };
}

/**
 * Equal keys for equal representations. The usual `{ __typename, id }` (in that order, both strings)
 * gets a short key without serializing; anything else is its JSON text (a typename or id holding
 * the separator is JSON-escaped there, so the two kinds never collide).
 */
export function representationKey(representation: unknown): string {
  if (representation !== null && typeof representation === 'object' && !Array.isArray(representation)) {
    const fields = representation as Record<string, unknown>;
    let count = 0;
    for (const name in fields) if (Object.hasOwn(fields, name)) count++;
    const { __typename: typename, id } = fields;
    if (count === 2 && typeof typename === 'string' && typeof id === 'string' && !typename.includes('\u0000')) return `${typename}\u0000${id}`;
  }
  return JSON.stringify(representation);
}

function expandAnswer(answer: GatewayGraphQLResponse, slots: readonly number[], distinctCount: number): GatewayGraphQLResponse {
  const entities = (answer.data as { _entities?: unknown } | null | undefined)?._entities;
  let data = answer.data;
  // Anything but one answer per distinct representation is left as it came: the gateway refuses it.
  if (Array.isArray(entities) && entities.length === distinctCount) {
    const handedOut = new Set<number>();
    // The gateway merges answers into its result by reference: each entity gets its own copy.
    const expanded = slots.map((slot) => (handedOut.has(slot) ? copyOf(entities[slot]) : (handedOut.add(slot), entities[slot])));
    data = { ...answer.data, _entities: expanded };
  }
  const errors = answer.errors && expandErrors(answer.errors, slots);
  return { ...answer, data, ...(errors ? { errors } : {}) };
}

/** A deep copy of parsed JSON (plain objects and arrays only): ~40x cheaper than structuredClone for small entities. */
export function copyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyOf);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = copyOf(field);
  return copy;
}

/** Errors at `_entities.<slot>` repeated for every original index of that slot, in index order; others first, as they were. */
function expandErrors(errors: readonly GraphQLFormattedError[], slots: readonly number[]): GraphQLFormattedError[] {
  const bySlot = new Map<number, GraphQLFormattedError[]>();
  const others: GraphQLFormattedError[] = [];
  for (const error of errors) {
    const slot = error.path?.[0] === '_entities' ? error.path[1] : undefined;
    if (typeof slot === 'number') bySlot.set(slot, [...(bySlot.get(slot) ?? []), error]);
    else others.push(error);
  }
  if (bySlot.size === 0) return others;
  const expanded = slots.flatMap((slot, index) => (bySlot.get(slot) ?? []).map((error) => ({ ...error, path: ['_entities', index, ...error.path!.slice(2)] })));
  return [...others, ...expanded];
}
