import { describe, expect, it } from 'vitest';
import { listNodeTypes, validateFlow } from '@omnitron/nodes';
import { FLOW_TEMPLATES, findTemplate } from './index';
import { templateNeeds } from './template-needs';

describe('built-in flow templates', () => {
  it('offers at least eight templates with unique ids', () => {
    expect(FLOW_TEMPLATES.length).toBeGreaterThanOrEqual(8);
    expect(new Set(FLOW_TEMPLATES.map((t) => t.id)).size).toBe(FLOW_TEMPLATES.length);
  });

  it.each(FLOW_TEMPLATES.map((t) => [t.id, t] as const))('%s passes validateFlow with no problems', (_id, template) => {
    expect(validateFlow({ nodes: template.nodes, edges: template.edges }).problems).toEqual([]);
    for (const subflow of template.subflows ?? []) {
      expect(validateFlow({ nodes: subflow.nodes, edges: subflow.edges }).problems).toEqual([]);
    }
  });
});

describe('template sample inputs and needs', () => {
  const catalog = listNodeTypes();

  it.each(FLOW_TEMPLATES.map((t) => [t.id, t] as const))('%s has a sample input that is a JSON object and survives JSON unchanged', (_id, template) => {
    const text = JSON.stringify(template.sampleInput);
    expect(typeof text).toBe('string');
    expect(JSON.parse(text)).toEqual(template.sampleInput);
    expect(template.sampleInput).toBeTypeOf('object');
    expect(Array.isArray(template.sampleInput)).toBe(false);
  });

  it('derives an AI provider need from the catalog for the ai.generate node', () => {
    expect(templateNeeds(findTemplate('ai-summarize')!, catalog)).toEqual([
      { kind: 'AI_PROVIDER', nodeId: 'summarize', nodeType: 'ai.generate', field: null, credentialTypes: [] },
    ]);
  });

  it('derives a credential need from a required credential field of the config schema', () => {
    expect(templateNeeds(findTemplate('database-report')!, catalog)).toEqual([
      { kind: 'CREDENTIAL', nodeId: 'query', nodeType: 'database.query', field: 'connection', credentialTypes: ['POSTGRES'] },
    ]);
  });

  it('needs nothing for templates of plain nodes, or of an optional credential field left empty', () => {
    for (const id of ['code-cleanup', 'webhook-transform-output', 'map-with-subflow', 'fetch-and-branch']) {
      expect(templateNeeds(findTemplate(id)!, catalog)).toEqual([]);
    }
  });

  it('reads needs from the catalog it is given, not from a list of node types', () => {
    const template = findTemplate('fetch-and-branch')!;
    const changed = catalog.map((entry) => (entry.type === 'condition' ? { ...entry, needs: ['aiProvider'] } : entry));
    expect(templateNeeds(template, changed)).toEqual([{ kind: 'AI_PROVIDER', nodeId: 'isUp', nodeType: 'condition', field: null, credentialTypes: [] }]);
    const fetchNode = template.nodes.find((node) => node.type === 'http.request')!;
    const withCredential = { ...template, nodes: template.nodes.map((node) => (node === fetchNode ? { ...node, data: { ...node.data, credential: 'api-token' } } : node)) };
    expect(templateNeeds(withCredential, catalog)).toEqual([
      expect.objectContaining({ kind: 'CREDENTIAL', nodeId: fetchNode.id, field: 'credential' }),
    ]);
  });

  it('refuses a template node whose type the catalog does not list', () => {
    const template = findTemplate('code-cleanup')!;
    expect(() => templateNeeds(template, catalog.filter((entry) => entry.type !== 'code'))).toThrow(/clean has type code/);
  });
});
