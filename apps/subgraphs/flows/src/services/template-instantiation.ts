import type { EntityManager } from '@mikro-orm/core';
import type { Caller } from '@omnitron/server-kit';
import { notFound } from '@omnitron/schema';
import type { SampleInput } from '../domain/sample-input';
import type { Flow } from '../entities/flow.entity';
import { findTemplate, subflowRef, type FlowTemplate } from '../templates';
import { saveSampleInput } from './flow-sample-input';
import type { FlowStore } from './flow-store';

/** Replaces every `subflowRef(key)` string in the template's nodes with the created flow's id. */
function linkSubflows(nodes: readonly unknown[], ids: ReadonlyMap<string, string>): unknown[] {
  const link = (value: unknown): unknown => {
    if (typeof value === 'string') {
      for (const [key, id] of ids) if (value === subflowRef(key)) return id;
      return value;
    }
    if (Array.isArray(value)) return value.map(link);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, link(v)]));
    return value;
  };
  return nodes.map(link);
}

/**
 * Copies a template into the caller's workspace: its helper subflows first (named after the new
 * flow), then the flow itself pointing at them, with the template's sample input as its own, so
 * its first test run works as it stands.
 */
export async function createFlowFromTemplate(em: EntityManager, store: FlowStore, caller: Caller, templateId: string, name?: string | null): Promise<Flow> {
  const template: FlowTemplate | undefined = findTemplate(templateId);
  if (!template) throw notFound(`Template ${templateId}`);
  const flowName = name?.trim() || template.name;
  const ids = new Map<string, string>();
  for (const subflow of template.subflows ?? []) {
    const created = await store.create(
      caller,
      { name: `${flowName} — ${subflow.suffix}`.slice(0, 200), description: `Used by "${flowName}".`, tags: template.tags, nodes: subflow.nodes, edges: subflow.edges },
      `Created from template ${template.id}`,
    );
    ids.set(subflow.key, created.id);
  }
  const flow = await store.create(
    caller,
    { name: flowName, description: template.description, tags: template.tags, nodes: linkSubflows(template.nodes, ids), edges: template.edges },
    `Created from template ${template.id}`,
  );
  return saveSampleInput(em, caller, flow.id, (template.sampleInput ?? null) as SampleInput | null);
}
