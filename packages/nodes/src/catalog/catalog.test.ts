import { describe, expect, it } from 'vitest';
import { outputHandles } from '../validation/check-edges';
import { FIELD_WIDGETS } from './field-meta';
import { getNodeDefinition, listNodeTypes, type NodeTypeDescription } from './index';
import { NODE_CATEGORIES, type CommonConfig } from './node-definition';

interface FieldSchema {
  title?: string;
  widget?: string;
  itemWidget?: string;
  language?: string;
  enum?: unknown[];
  optionLabels?: Record<string, string>;
  properties?: Record<string, FieldSchema>;
}

/** Every field of a config schema with its dotted path, nested objects' fields included. */
function fieldsOf(schema: FieldSchema, path = ''): [string, FieldSchema][] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, field]) => {
    const at = path ? `${path}.${name}` : name;
    return [[at, field] as [string, FieldSchema], ...fieldsOf(field, at)];
  });
}

/** The handles the studio draws from a served description, the way it applies the rules. */
function servedHandles(description: NodeTypeDescription, data: Record<string, unknown>): string[] {
  const perItem = description.outputsPerItem;
  const items = perItem ? data[perItem.field] : undefined;
  const perItemHandles = perItem && Array.isArray(items) ? items.map((_, index) => `${perItem.prefix}${index}`) : [];
  const conditional = description.conditionalOutputs.filter((rule) => data[rule.field] === rule.equals).map((rule) => rule.handle);
  return [...perItemHandles, ...description.outputs, ...conditional];
}

const STABLE_TYPES = [
  'trigger.manual', 'trigger.webhook', 'trigger.schedule', 'transform', 'condition', 'switch', 'merge',
  'http.request', 'code', 'ai.generate', 'delay', 'wait', 'map', 'subflow', 'database.query', 'output', 'respond',
];

describe('node catalog', () => {
  it('lists every stable node type once', () => {
    expect(listNodeTypes().map((type) => type.type).sort()).toEqual([...STABLE_TYPES].sort());
  });

  it('derives a JSON Schema per type that includes the common retry, timeout and onError fields', () => {
    for (const description of listNodeTypes()) {
      const schema = description.configSchema as { type: string; properties: Record<string, unknown> };
      expect(schema.type).toBe('object');
      expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['retry', 'timeoutMs', 'onError', 'label']));
    }
  });

  it('serves what a node needs set up outside the flow: an AI provider for ai.generate, nothing for code', () => {
    expect(listNodeTypes().find((type) => type.type === 'ai.generate')?.needs).toEqual(['aiProvider']);
    expect(listNodeTypes().find((type) => type.type === 'code')?.needs).toEqual([]);
  });

  it('marks required config fields as required in the JSON Schema', () => {
    const http = listNodeTypes().find((type) => type.type === 'http.request');
    expect(http?.configSchema.required).toEqual(['url']);
  });

  it('gives triggers no inputs and condition a true and a false handle', () => {
    expect(getNodeDefinition('trigger.manual')?.inputs).toEqual([]);
    expect(getNodeDefinition('condition')?.outputs).toEqual(['true', 'false']);
    expect(listNodeTypes().find((type) => type.type === 'switch')?.dynamicOutputs).toBe(true);
  });

  it('gives every field of every node type a label', () => {
    const unlabelled = listNodeTypes().flatMap((description) =>
      fieldsOf(description.configSchema as FieldSchema)
        .filter(([, field]) => !field.title?.trim())
        .map(([path]) => `${description.type}: ${path}`),
    );
    expect(unlabelled).toEqual([]);
  });

  it('declares only widgets the studio knows, with a language for code and a label for every enum option named', () => {
    const known = new Set<string>(FIELD_WIDGETS);
    for (const description of listNodeTypes()) {
      for (const [path, field] of fieldsOf(description.configSchema as FieldSchema)) {
        const at = `${description.type}: ${path}`;
        if (field.widget !== undefined) expect(known.has(field.widget), at).toBe(true);
        if (field.itemWidget !== undefined) expect(known.has(field.itemWidget), at).toBe(true);
        if (field.widget === 'code') expect(['javascript', 'sql'], at).toContain(field.language);
        if (field.optionLabels) expect(Object.keys(field.optionLabels).sort(), at).toEqual([...(field.enum as string[])].sort());
      }
    }
  });

  it('serves the widgets the forms need: key/value headers, code and SQL editors, list cases, a cron builder', () => {
    const widget = (type: string, path: string) =>
      fieldsOf(listNodeTypes().find((d) => d.type === type)!.configSchema as FieldSchema).find(([at]) => at === path)?.[1].widget;
    expect(widget('http.request', 'headers')).toBe('keyValue');
    expect(widget('http.request', 'query')).toBe('keyValue');
    expect(widget('http.request', 'url')).toBe('template');
    expect(widget('code', 'code')).toBe('code');
    expect(widget('database.query', 'sql')).toBe('code');
    expect(widget('switch', 'cases')).toBe('list');
    expect(widget('transform', 'expression')).toBe('expression');
    expect(widget('trigger.schedule', 'cron')).toBe('cron');
  });

  it('serves output rules that give exactly the handles validation accepts', () => {
    const configs: Record<string, unknown>[] = [{}, { onError: 'errorBranch' }, { onError: 'continue' }, { cases: ['a', 2, null] }, { cases: ['a'], onError: 'errorBranch' }];
    for (const description of listNodeTypes()) {
      const definition = getNodeDefinition(description.type)!;
      for (const data of configs) {
        const parsed = definition.schema.safeParse({ ...minimalConfig(description.type), ...data });
        if (!parsed.success) continue;
        const config = parsed.data as CommonConfig;
        const compiled = { node: { id: 'n', type: description.type, data }, definition, config };
        expect(servedHandles(description, config as Record<string, unknown>), `${description.type} ${JSON.stringify(data)}`).toEqual([...outputHandles(compiled)]);
      }
    }
  });

  it('lists node types by category in the palette order', () => {
    const ranks = listNodeTypes().map((d) => NODE_CATEGORIES.indexOf(d.category as (typeof NODE_CATEGORIES)[number]));
    expect(ranks.every((rank) => rank >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('returns undefined for an unknown type', () => {
    expect(getNodeDefinition('nope')).toBeUndefined();
  });

  it('hands out copies, so a caller cannot corrupt the catalog', () => {
    const first = listNodeTypes();
    first[0]!.title = 'changed';
    expect(listNodeTypes()[0]!.title).not.toBe('changed');
  });
});

/** Values for the required fields of each type, so its config parses. */
function minimalConfig(type: string): Record<string, unknown> {
  const required: Record<string, Record<string, unknown>> = {
    'trigger.schedule': { cron: '* * * * *' },
    transform: { expression: '$' },
    condition: { expression: 'true' },
    switch: { expression: '$' },
    'http.request': { url: 'https://example.com' },
    code: { code: 'return 1' },
    'ai.generate': { taskType: 't', prompt: 'p' },
    delay: { ms: 0 },
    map: { items: '$', flowId: 'f' },
    subflow: { flowId: 'f' },
    'database.query': { connection: 'c', sql: 'select 1' },
  };
  return required[type] ?? {};
}
