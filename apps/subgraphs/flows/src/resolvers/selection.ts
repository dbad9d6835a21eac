import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Field names selected directly in `set`, looking through inline and named fragments. */
function fieldsOf(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, into: Map<string, SelectionSetNode[]>): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      const sets = into.get(selection.name.value) ?? [];
      if (selection.selectionSet) sets.push(selection.selectionSet);
      into.set(selection.name.value, sets);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fieldsOf(selection.selectionSet, info, into);
    } else {
      fieldsOf(info.fragments[selection.name.value]?.selectionSet, info, into);
    }
  }
}

/**
 * The fields a client selects at `path` below the current field (e.g. `['edges', 'node']` of a
 * connection), so a list can skip loading large columns nobody asked for.
 */
export function selectedFieldsAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let sets = info.fieldNodes.map((node) => node.selectionSet).filter((set): set is SelectionSetNode => set !== undefined);
  for (const step of path) {
    const next: SelectionSetNode[] = [];
    for (const set of sets) {
      const fields = new Map<string, SelectionSetNode[]>();
      fieldsOf(set, info, fields);
      next.push(...(fields.get(step) ?? []));
    }
    sets = next;
  }
  const names = new Map<string, SelectionSetNode[]>();
  for (const set of sets) fieldsOf(set, info, names);
  return new Set(names.keys());
}
