import { z } from 'zod';
import { aiGenerate } from './ai.generate/definition';
import { code } from './code/definition';
import { condition } from './condition/definition';
import { databaseQuery } from './database.query/definition';
import { delay } from './delay/definition';
import { httpRequest } from './http.request/definition';
import { map } from './map/definition';
import { merge } from './merge/definition';
import { ERROR_BRANCH, ERROR_HANDLE, NODE_CATEGORIES, type NodeDefinition, type OutputsPerItem } from './node-definition';
import { output } from './output/definition';
import { respond } from './respond/definition';
import { subflow } from './subflow/definition';
import { switchNode } from './switch/definition';
import { transform } from './transform/definition';
import { wait } from './wait/definition';
import { manualTrigger } from './trigger.manual/definition';
import { scheduleTrigger } from './trigger.schedule/definition';
import { webhookTrigger } from './trigger.webhook/definition';

const definitions: readonly NodeDefinition[] = [
  manualTrigger,
  webhookTrigger,
  scheduleTrigger,
  transform,
  condition,
  switchNode,
  merge,
  httpRequest,
  code,
  aiGenerate,
  delay,
  wait,
  map,
  subflow,
  databaseQuery,
  output,
  respond,
];

const registry = new Map<string, NodeDefinition>(definitions.map((definition) => [definition.type, definition]));

/** An output handle a node offers only while a common field has a value: `error` with `onError: errorBranch`. */
export interface ConditionalOutput {
  readonly field: string;
  readonly equals: string;
  readonly handle: string;
}

const CONDITIONAL_OUTPUTS: readonly ConditionalOutput[] = [{ field: 'onError', equals: ERROR_BRANCH, handle: ERROR_HANDLE }];

/** What the studio palette and config forms need about a node type. */
export interface NodeTypeDescription {
  type: string;
  title: string;
  description: string;
  category: string;
  icon: string;
  inputs: string[];
  outputs: string[];
  /** True when the output handles depend on the config (switch: `case-<i>` per case). */
  dynamicOutputs: boolean;
  /** A handle per item of a config list, before `outputs` (switch cases). */
  outputsPerItem: OutputsPerItem | null;
  /** Handles added after the others while a field has a value (every node: `error` for errorBranch). */
  conditionalOutputs: ConditionalOutput[];
  /** What the node needs set up outside the flow (`aiProvider`); credential fields are in `configSchema`. */
  needs: string[];
  /**
   * JSON Schema of the node's `data` (input side: fields with defaults are optional). Each field
   * carries its `title` and, where its type does not say how to edit it, a `widget` (see field-meta.ts).
   */
  configSchema: Record<string, unknown>;
}

let descriptions: NodeTypeDescription[] | undefined;

export function listNodeTypes(): NodeTypeDescription[] {
  descriptions ??= definitions.map(describe).sort((a, b) => categoryRank(a.category) - categoryRank(b.category));
  return descriptions.map((description) => structuredClone(description));
}

export function getNodeDefinition(type: string): NodeDefinition | undefined {
  return registry.get(type);
}

const categoryRank = (category: string) => NODE_CATEGORIES.indexOf(category as (typeof NODE_CATEGORIES)[number]);

function describe(definition: NodeDefinition): NodeTypeDescription {
  return {
    type: definition.type,
    title: definition.title,
    description: definition.description,
    category: definition.category,
    icon: definition.icon,
    inputs: [...definition.inputs],
    outputs: [...definition.outputs],
    dynamicOutputs: definition.outputsFor !== undefined,
    outputsPerItem: definition.outputsPerItem === undefined ? null : { ...definition.outputsPerItem },
    conditionalOutputs: CONDITIONAL_OUTPUTS.map((output) => ({ ...output })),
    needs: [...(definition.needs ?? [])],
    configSchema: z.toJSONSchema(definition.schema, { io: 'input', unrepresentable: 'any' }),
  };
}
