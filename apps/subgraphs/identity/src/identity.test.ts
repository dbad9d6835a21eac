import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph, type TestSubgraph } from '@omnitron/server-kit/testing';
import { identitySubgraph } from './definition';

let identity: TestSubgraph;
beforeAll(async () => {
  identity = await startTestSubgraph(identitySubgraph);
});
afterAll(() => identity?.close());

describe('identity subgraph', () => {
  it('answers me with null for a signed anonymous caller', async () => {
    expect(await identity.request('{ me { id } }')).toEqual({ data: { me: null } });
  });
});
