import { describe, expect, it } from 'vitest';
import { validateFlow } from '@omnitron/nodes';
import { FLOW_TEMPLATES } from './index';

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
