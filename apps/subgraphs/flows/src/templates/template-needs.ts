import type { FlowNode, NodeTypeDescription } from '@omnitron/nodes';
import type { FlowTemplate } from './flow-template';

/** Something a template's flow cannot run without, set up outside the flow. */
export interface TemplateNeed {
  /** `AI_PROVIDER`: an AI provider for the workspace; `CREDENTIAL`: a credential a node's field names. */
  readonly kind: 'AI_PROVIDER' | 'CREDENTIAL';
  readonly nodeId: string;
  readonly nodeType: string;
  /** For `CREDENTIAL`: the config field naming it and the credential types it accepts. */
  readonly field: string | null;
  readonly credentialTypes: string[];
}

interface SchemaProperty {
  readonly widget?: unknown;
  readonly credentialTypes?: unknown;
}

/**
 * What the template's nodes (and its subflows' nodes) need, read from the catalog rather than a
 * list of node types: a type's `needs` (`aiProvider`), and each credential field (`widget:
 * "credential"` in its config schema) the schema requires or the template fills in.
 */
export function templateNeeds(template: FlowTemplate, catalog: readonly NodeTypeDescription[]): TemplateNeed[] {
  const byType = new Map(catalog.map((entry) => [entry.type, entry]));
  const nodes = [...template.nodes, ...(template.subflows ?? []).flatMap((subflow) => subflow.nodes)];
  return nodes.flatMap((node) => {
    const entry = byType.get(node.type);
    if (!entry) throw new Error(`template ${template.id}: node ${node.id} has type ${node.type}, which the catalog does not list`);
    return [...providerNeeds(node, entry), ...credentialNeeds(node, entry)];
  });
}

function providerNeeds(node: FlowNode, entry: NodeTypeDescription): TemplateNeed[] {
  return entry.needs.includes('aiProvider')
    ? [{ kind: 'AI_PROVIDER', nodeId: node.id, nodeType: node.type, field: null, credentialTypes: [] }]
    : [];
}

function credentialNeeds(node: FlowNode, entry: NodeTypeDescription): TemplateNeed[] {
  const properties = (entry.configSchema.properties ?? {}) as Record<string, SchemaProperty>;
  const required = new Set((entry.configSchema.required ?? []) as string[]);
  const data = node.data;
  return Object.entries(properties)
    .filter(([field, property]) => property.widget === 'credential' && (required.has(field) || isSet(data[field])))
    .map(([field, property]) => ({
      kind: 'CREDENTIAL',
      nodeId: node.id,
      nodeType: node.type,
      field,
      credentialTypes: Array.isArray(property.credentialTypes) ? property.credentialTypes.map(String) : [],
    }));
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== '';
