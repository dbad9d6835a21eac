import { describe, expect, it } from 'vitest';
import { composeFromFiles } from './compose-cli';
import { CompositionError, composeSupergraph } from './compose';

describe('supergraph composition', () => {
  it('composes the four subgraphs with Flow contributed across them', () => {
    const supergraph = composeFromFiles();
    for (const graph of ['IDENTITY', 'FLOWS', 'EXECUTIONS', 'INTELLIGENCE']) expect(supergraph).toContain(`${graph} @join__graph`);
    expect(supergraph).toMatch(/analysis: FlowAnalysis! @join__field\(graph: INTELLIGENCE, requires: "nodes edges"\)/);
  });

  it('fails with every problem named when subgraphs disagree', () => {
    const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
    const attempt = () =>
      composeSupergraph([
        { name: 'a', url: 'http://a', sdl: `${link}\ntype Query { thing: Thing } type Thing @key(fields: "id") { id: ID! size: Int }` },
        { name: 'b', url: 'http://b', sdl: `${link}\ntype Query { other: Thing } type Thing @key(fields: "id") { id: ID! size: String }` },
      ]);
    expect(attempt).toThrow(CompositionError);
    expect(attempt).toThrow(/size/);
  });
});
