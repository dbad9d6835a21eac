import { describe, expect, it } from 'vitest';
import { getNodeDefinition, listNodeTypes } from './index';

const STABLE_TYPES = [
  'trigger.manual', 'trigger.webhook', 'trigger.schedule', 'transform', 'condition', 'switch', 'merge',
  'http.request', 'code', 'ai.generate', 'delay', 'map', 'subflow', 'database.query', 'output', 'respond',
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

  it('marks required config fields as required in the JSON Schema', () => {
    const http = listNodeTypes().find((type) => type.type === 'http.request');
    expect(http?.configSchema.required).toEqual(['url']);
  });

  it('gives triggers no inputs and condition a true and a false handle', () => {
    expect(getNodeDefinition('trigger.manual')?.inputs).toEqual([]);
    expect(getNodeDefinition('condition')?.outputs).toEqual(['true', 'false']);
    expect(listNodeTypes().find((type) => type.type === 'switch')?.dynamicOutputs).toBe(true);
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
