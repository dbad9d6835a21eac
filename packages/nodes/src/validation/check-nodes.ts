import type { z } from 'zod';
import { getNodeDefinition } from '../catalog';
import { expressionSyntaxError } from '../expression/compile';
import type { FlowNode } from '../types';
import type { CompiledNode } from './compiled-flow';
import { ProblemCode, type ProblemList } from './problem';

function issuePath(issue: z.core.$ZodIssue): string {
  return issue.path.length === 0 ? '(config)' : issue.path.map(String).join('.');
}

function checkExpressions(compiled: CompiledNode, problems: ProblemList): void {
  const sources = compiled.definition.expressionsOf?.(compiled.config) ?? [];
  for (const source of sources) {
    const error = expressionSyntaxError(source);
    if (error === undefined) continue;
    const { id } = compiled.node;
    problems.error(ProblemCode.INVALID_EXPRESSION, `Node "${id}": expression \`${source}\` does not parse: ${error}`, {
      nodeId: id,
    });
  }
}

/** Resolves each node's type and parses its config; returns `undefined` in the slot of a broken node. */
export function checkNodes(nodes: readonly FlowNode[], problems: ProblemList): (CompiledNode | undefined)[] {
  const seen = new Set<string>();
  return nodes.map((node) => {
    const at = { nodeId: node.id };
    if (seen.has(node.id)) {
      problems.error(ProblemCode.DUPLICATE_ID, `Node id "${node.id}" is used more than once`, at);
      return undefined;
    }
    seen.add(node.id);
    const definition = getNodeDefinition(node.type);
    if (definition === undefined) {
      problems.error(ProblemCode.UNKNOWN_NODE_TYPE, `Node "${node.id}" has unknown type "${node.type}"`, at);
      return undefined;
    }
    const parsed = definition.schema.safeParse(node.data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const message = `Node "${node.id}" (${node.type}): ${issuePath(issue)}: ${issue.message}`;
        problems.error(ProblemCode.INVALID_CONFIG, message, at);
      }
      return undefined;
    }
    const compiled: CompiledNode = { node, definition, config: parsed.data };
    checkExpressions(compiled, problems);
    return compiled;
  });
}
