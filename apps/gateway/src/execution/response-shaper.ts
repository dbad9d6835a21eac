import {
  isCompositeType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isValidLeafValue,
  typenameFieldName,
  type CompositeType,
  type Operation,
  type Schema,
  type SelectionSet,
  type Type,
} from '@apollo/federation-internals';

/** What a shaper answers when the merged data is not clean: Apollo's `computeResponse` must shape it. */
export const UNCLEAN: unique symbol = Symbol('unclean');

/**
 * The client's result from a query plan's merged subgraph data, or `UNCLEAN`. Pure: never changes
 * its input.
 */
export type ResponseShaper = (merged: object) => Record<string, unknown> | typeof UNCLEAN;

type ValueShaper = (value: unknown) => unknown;
type ObjectShaper = (input: Record<string, unknown>, runtimeType: CompositeType) => Record<string, unknown> | typeof UNCLEAN;

/**
 * Compiles the shaping Apollo's `computeResponse` does (pick each selected field by response name,
 * resolve `__typename`, check nullability, list and leaf values) into closures for one operation,
 * for the data it shapes without a remark: data with which `computeResponse` reports no error and
 * asserts nothing. There the result is exactly `computeResponse`'s. Anything else — a null in a
 * non-null field, a value of the wrong type, an unknown `__typename` — makes the shaper answer
 * `UNCLEAN` and leaves the errors, their paths and null bubbling to `computeResponse`, so they stay
 * Apollo's word for word.
 *
 * Only operations made of plain fields compile: no fragments, no directives (so no `@skip` or
 * `@include`, which depend on variables), no introspection, no response name selected twice in a
 * selection set (which `computeResponse` merges). Others answer undefined: always shape with Apollo.
 */
export function compileResponseShaper(operation: Operation): ResponseShaper | undefined {
  const schema = operation.schema();
  const rootType = schema.schemaDefinition.rootType(operation.rootKind);
  if (!rootType) return undefined;
  const root = compileSelectionSet(schema, operation.selectionSet);
  if (!root) return undefined;
  return (merged) => root(merged as Record<string, unknown>, rootType);
}

function compileSelectionSet(schema: Schema, selectionSet: SelectionSet): ObjectShaper | undefined {
  const typenames: string[] = [];
  const names: string[] = [];
  const shapers: Array<ValueShaper | undefined> = [];
  for (const selection of selectionSet.selections()) {
    if (selection.kind !== 'FieldSelection') return undefined;
    const field = selection.element;
    if (field.appliedDirectives.length > 0 || field.definition.isSchemaIntrospectionField()) return undefined;
    const responseName = field.responseName();
    if (names.includes(responseName)) return undefined;
    names.push(responseName);
    if (field.name === typenameFieldName) {
      typenames.push(responseName);
      shapers.push(undefined);
      continue;
    }
    const shaper = compileValue(schema, field.definition.type!, selection.selectionSet);
    if (!shaper) return undefined;
    shapers.push(shaper);
  }
  const count = names.length;
  return (input, runtimeType) => {
    const output = Object.create(null) as Record<string, unknown>;
    for (let index = 0; index < count; index++) {
      const responseName = names[index]!;
      const shaper = shapers[index];
      if (shaper === undefined) {
        const typename = typenameOf(schema, input, responseName, runtimeType);
        if (typename === UNCLEAN) return UNCLEAN;
        output[responseName] = typename;
        continue;
      }
      const shaped = shaper(Object.hasOwn(input, responseName) ? (input[responseName] ?? null) : null);
      if (shaped === UNCLEAN) return UNCLEAN;
      output[responseName] = shaped;
    }
    return output;
  };
}

/** `__typename` (or an alias of it) as `computeResponse` answers it; UNCLEAN where it would bubble a null. */
function typenameOf(schema: Schema, input: Record<string, unknown>, responseName: string, runtimeType: CompositeType): string | typeof UNCLEAN {
  let value = Object.hasOwn(input, responseName) ? (input[responseName] ?? null) : null;
  if (value === null && responseName !== typenameFieldName) value = input[typenameFieldName] ?? null;
  const type = typeof value === 'string' ? (schema.type(value) ?? runtimeType) : runtimeType;
  return isObjectType(type) ? type.name : UNCLEAN;
}

function compileValue(schema: Schema, type: Type, selectionSet: SelectionSet | undefined): ValueShaper | undefined {
  if (isNonNullType(type)) {
    const inner = compileValue(schema, type.ofType, selectionSet);
    return inner && ((value) => (value === null ? UNCLEAN : inner(value)));
  }
  if (isListType(type)) {
    const element = compileValue(schema, type.ofType, selectionSet);
    if (!element) return undefined;
    return (value) => {
      if (value === null) return null;
      if (!Array.isArray(value)) return UNCLEAN;
      const output = new Array<unknown>(value.length);
      for (let index = 0; index < value.length; index++) {
        const item = value[index] as unknown;
        const shaped = item === undefined ? UNCLEAN : element(item);
        if (shaped === UNCLEAN) return UNCLEAN;
        output[index] = shaped;
      }
      return output;
    };
  }
  if (isCompositeType(type)) {
    if (!selectionSet) return undefined;
    const fields = compileSelectionSet(schema, selectionSet);
    if (!fields) return undefined;
    return (value) => {
      if (value === null) return null;
      if (typeof value !== 'object' || Array.isArray(value)) return UNCLEAN;
      const typename = (value as Record<string, unknown>)[typenameFieldName];
      let runtimeType: CompositeType = type;
      if (typename !== undefined) {
        if (typeof typename !== 'string') return UNCLEAN;
        if (typename) {
          const named = schema.type(typename);
          if (!named || !isCompositeType(named)) return UNCLEAN;
          runtimeType = named;
        }
      }
      return fields(value as Record<string, unknown>, runtimeType);
    };
  }
  if (!isLeafType(type)) return undefined;
  return (value) => (value === null ? null : isValidLeafValue(schema, value, type) ? value : UNCLEAN);
}
