import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { ErrorCode } from '@omnitron/schema';

/**
 * A validation rule refusing operations whose selections nest deeper than `maxDepth`. Each
 * fragment's depth is measured once and reused, so fragments that spread each other several
 * times over take linear time; the recursion follows the document's nesting and fragment chain,
 * both bounded before parsing (see document-guard).
 */
export function depthLimit(maxDepth: number): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    /** Depth of each fragment's selections; -1 while it is being measured (a cycle adds nothing). */
    const fragmentDepths = new Map<string, number>();
    const fragmentDepth = (name: string): number => {
      const known = fragmentDepths.get(name);
      if (known !== undefined) return Math.max(0, known);
      fragmentDepths.set(name, -1);
      const depth = depthOf(fragments.get(name)?.selectionSet);
      fragmentDepths.set(name, depth);
      return depth;
    };
    const depthOf = (set: SelectionSetNode | undefined): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value === '__typename') continue;
          deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet));
        } else {
          deepest = Math.max(deepest, fragmentDepth(selection.name.value));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet);
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`Query is nested deeper than the limit of ${maxDepth} levels (MAX_QUERY_DEPTH)`, {
              nodes: [node],
              extensions: { code: ErrorCode.VALIDATION_FAILED, limit: 'MAX_QUERY_DEPTH', maximum: maxDepth, found: depth, maxDepth },
            }),
          );
        }
      },
    };
  };
}
