import type { NodeTypes } from '@xyflow/react';
import { FlowNodeComponent } from './flow-node';

/** DESIGN.md's stable node type names; a type outside this list still renders through `default`. */
const CATALOG_TYPES = [
  'trigger.manual', 'trigger.webhook', 'trigger.schedule', 'transform', 'condition', 'switch', 'merge',
  'http.request', 'code', 'ai.generate', 'delay', 'map', 'subflow', 'database.query', 'output', 'respond',
] as const;

/** Declared once at module scope: React Flow re-mounts every node when this object changes. */
export const NODE_TYPES: NodeTypes = {
  default: FlowNodeComponent,
  ...Object.fromEntries(CATALOG_TYPES.map((type) => [type, FlowNodeComponent])),
};
