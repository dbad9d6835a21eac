import { z } from 'zod';
import { aiGenerate } from './ai.generate/definition';
import { code } from './code/definition';
import { condition } from './condition/definition';
import { databaseQuery } from './database.query/definition';
import { delay } from './delay/definition';
import { httpRequest } from './http.request/definition';
import { map } from './map/definition';
import { merge } from './merge/definition';
import type { NodeDefinition } from './node-definition';
import { output } from './output/definition';
import { respond } from './respond/definition';
import { subflow } from './subflow/definition';
import { switchNode } from './switch/definition';
import { transform } from './transform/definition';
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
  map,
  subflow,
  databaseQuery,
  output,
  respond,
];

const registry = new Map<string, NodeDefinition>(definitions.map((definition) => [definition.type, definition]));

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
  /** JSON Schema of the node's `data` (input side: fields with defaults are optional). */
  configSchema: Record<string, unknown>;
}

let descriptions: NodeTypeDescription[] | undefined;

export function listNodeTypes(): NodeTypeDescription[] {
  descriptions ??= definitions.map(describe);
  return descriptions.map((description) => ({ ...description }));
}

export function getNodeDefinition(type: string): NodeDefinition | undefined {
  return registry.get(type);
}

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
    configSchema: z.toJSONSchema(definition.schema, { io: 'input', unrepresentable: 'any' }),
  };
}
