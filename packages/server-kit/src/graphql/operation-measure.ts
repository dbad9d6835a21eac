import { createRequire } from 'node:module';
import type { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLField, GraphQLNamedType, GraphQLSchema, OperationDefinitionNode, SelectionSetNode, ValueNode } from 'graphql';

/** graphql's CommonJS entry, the copy the schemas are built with (its type checks are `instanceof`). */
const { getNamedType, getNullableType, isInterfaceType, isListType, isObjectType, Kind } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** Arguments that say how many items a field answers (a page's `first`, a search's `limit`). */
const SIZE_ARGUMENTS = new Set(['first', 'last', 'limit']);
/** Federation's root field through which the gateway fetches entities from a subgraph. */
const ENTITIES_FIELD = '_entities';

/** What an operation asks for, counted with every fragment spread expanded where it is spread. */
export interface OperationMeasure {
  /** Aliased fields (`a: flow(id: 1)`): the way one request asks for the same work many times. */
  readonly aliases: number;
  /** Distinct root fields (response keys): for a mutation, how many mutations it runs. */
  readonly rootFields: number;
  /** The estimated cost (see `measureOperation`). */
  readonly cost: number;
  /** A size argument is a variable: the cost depends on the request's variables. */
  readonly sizedByVariables: boolean;
}

export interface MeasureOptions {
  /** Items assumed for a list field without a size argument. */
  readonly listSize: number;
  /** The request's variables; without them a variable size counts as its default, else `listSize`. */
  readonly variables?: Readonly<Record<string, unknown>>;
}

/** What one selection set adds up to. */
interface Tally {
  cost: number;
  aliases: number;
}

/**
 * Measures `operation` of `document` against `schema`. The cost is a static estimate:
 *
 * - every field costs 1 (`__typename` too); introspection (`__schema`, `__type`) is counted
 *   field by field, without multipliers: it reads a small, fixed schema;
 * - a field with a `first`, `last` or `limit` argument multiplies the cost of its selection by
 *   that number (the argument's default when it is not given, else `listSize`);
 * - any other field returning a list multiplies it by `listSize`, unless it sits directly inside
 *   a field with a size argument (a connection's `edges`: the argument counted its items);
 * - fragments count wherever they are spread;
 * - a subgraph's `_entities` counts one item (the gateway's estimate counted the entities).
 *
 * So `flows(first: 50) { edges { node { id name } } }` costs 1 + 50 × (1 + 1 + 2) = 201.
 * Each fragment is measured once (per context) and the result reused, so fragments that spread
 * each other twice over cost linear time here, whatever number they multiply to.
 */
export function measureOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, options: MeasureOptions): OperationMeasure {
  const meter = new Meter(schema, document, operation, options);
  const root = schema.getRootType(operation.operation) ?? undefined;
  const tally = meter.selections(operation.selectionSet, root, false);
  return { aliases: tally.aliases, rootFields: rootFieldCount(document, operation), cost: tally.cost, sizedByVariables: meter.sizedByVariables };
}

/** Distinct root fields (response keys) of `operation`, through its fragments. */
export function rootFieldCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const keys = new Set<string>();
  const spread = new Set<string>();
  const collect = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) keys.add(selection.alias?.value ?? selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return keys.size;
}

class Meter {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  /** By fragment name and whether it is spread directly inside a sized field. */
  private readonly measured = new Map<string, Tally>();
  private readonly measuring = new Set<string>();
  sizedByVariables = false;

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly operation: OperationDefinitionNode,
    private readonly options: MeasureOptions,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  /** `set` inside a field of type `parent`; `inSized`: that field had a size argument. */
  selections(set: SelectionSetNode, parent: GraphQLNamedType | undefined, inSized: boolean): Tally {
    const tally: Tally = { cost: 0, aliases: 0 };
    for (const selection of set.selections) {
      let part: Tally;
      if (selection.kind === Kind.FIELD) part = this.field(selection, parent, inSized);
      else if (selection.kind === Kind.INLINE_FRAGMENT) part = this.selections(selection.selectionSet, this.typeNamed(selection.typeCondition?.name.value) ?? parent, inSized);
      else part = this.fragment(selection.name.value, inSized);
      tally.cost += part.cost;
      tally.aliases += part.aliases;
    }
    return tally;
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined, inSized: boolean): Tally {
    const aliases = node.alias ? 1 : 0;
    if (!node.selectionSet) return { cost: 1, aliases };
    const definition = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[node.name.value] : undefined;
    const { items, sized } = this.itemsOf(node, definition, inSized);
    const inner = this.selections(node.selectionSet, definition && getNamedType(definition.type), sized);
    return { cost: 1 + items * inner.cost, aliases: aliases + inner.aliases };
  }

  /** How many items the field's selection is counted for, and whether a size argument said so. */
  private itemsOf(node: FieldNode, definition: GraphQLField<unknown, unknown> | undefined, inSized: boolean): { items: number; sized: boolean } {
    // A subgraph's entity lookup: the gateway counted the entities it asks for in its own estimate.
    if (node.name.value === ENTITIES_FIELD) return { items: 1, sized: false };
    const declared = definition?.args.find((arg) => SIZE_ARGUMENTS.has(arg.name));
    if (declared) {
      const given = node.arguments?.find((arg) => arg.name.value === declared.name);
      const fallback = typeof declared.defaultValue === 'number' ? declared.defaultValue : this.options.listSize;
      return { items: Math.max(1, given ? this.numberOf(given.value, fallback) : fallback), sized: true };
    }
    const list = definition !== undefined && isListType(getNullableType(definition.type));
    return { items: list && !inSized ? this.options.listSize : 1, sized: false };
  }

  private numberOf(value: ValueNode, fallback: number): number {
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind !== Kind.VARIABLE) return fallback;
    this.sizedByVariables = true;
    const name = value.name.value;
    const given = this.options.variables?.[name];
    if (typeof given === 'number') return given;
    const declared = this.operation.variableDefinitions?.find((definition) => definition.variable.name.value === name)?.defaultValue;
    return declared?.kind === Kind.INT ? Number(declared.value) : fallback;
  }

  private fragment(name: string, inSized: boolean): Tally {
    const key = `${name}|${inSized}`;
    const known = this.measured.get(key);
    if (known) return known;
    const fragment = this.fragments.get(name);
    // Unknown and cyclic spreads are graphql-js's rules' to report; they add nothing here.
    if (!fragment || this.measuring.has(key)) return { cost: 0, aliases: 0 };
    this.measuring.add(key);
    const tally = this.selections(fragment.selectionSet, this.typeNamed(fragment.typeCondition.name.value), inSized);
    this.measuring.delete(key);
    this.measured.set(key, tally);
    return tally;
  }

  private typeNamed(name: string | undefined): GraphQLNamedType | undefined {
    return name === undefined ? undefined : this.schema.getType(name) ?? undefined;
  }
}
