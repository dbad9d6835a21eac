import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeProviderServer } from '../test-support/fake-provider-server';
import { callerFor, CONFIGURE, newWorkspace, startIntelligence, type IntelligenceHarness } from '../test-support/intelligence-harness';

let app: IntelligenceHarness;
let fake: FakeProviderServer;
beforeAll(async () => {
  [app, fake] = await Promise.all([startIntelligence(), new FakeProviderServer().start()]);
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const SEARCH = `query($q: String!, $first: Int) { searchFlows(query: $q, first: $first) { flow { id } score ranking } }`;

const flows = {
  slack: { name: 'Post alerts to Slack', description: 'Sends a message to a Slack channel when a webhook fires', tags: ['alerts'], nodeTypes: ['trigger.webhook', 'http.request'], configText: 'https://hooks.slack.com/services' },
  invoices: { name: 'Invoice reminders', description: 'Emails customers whose invoices are overdue', tags: ['billing'], nodeTypes: ['trigger.schedule', 'database.query', 'http.request'], configText: 'select * from invoices where due < now()' },
  news: { name: 'Daily news summary', description: 'Summarises the morning headlines with AI', tags: [], nodeTypes: ['trigger.schedule', 'ai.generate'], configText: 'Summarize: {{ $nodes.fetch.body }}' },
};

async function indexedWorkspace() {
  const workspaceId = newWorkspace();
  const editor = callerFor(workspaceId, 'editor');
  const ids: Record<string, string> = {};
  for (const [key, doc] of Object.entries(flows)) {
    ids[key] = randomUUID();
    const response = await app.internal('/internal/search/index', { flowId: ids[key], workspaceId, ...doc }, editor);
    expect(response).toEqual({ status: 200, body: { ok: true } });
  }
  const search = async (q: string, caller = callerFor(workspaceId, 'viewer'), first?: number) => app.gql(SEARCH, { q, first }, caller);
  return { workspaceId, editor, ids, search };
}

describe('searchFlows', () => {
  it('ranks with BM25 over names, descriptions, node types and configs', async () => {
    const { ids, search } = await indexedWorkspace();
    const slack = (await search('slack alerts')).data!.searchFlows;
    expect(slack).toEqual([{ flow: { id: ids.slack }, score: expect.any(Number), ranking: 'LEXICAL' }]);
    expect((await search('overdue invoices database')).data!.searchFlows[0].flow.id).toBe(ids.invoices);
    const schedule = (await search('schedule')).data!.searchFlows.map((h: { flow: { id: string } }) => h.flow.id);
    expect(schedule.sort()).toEqual([ids.invoices, ids.news].sort());
    expect((await search('schedule', undefined, 1)).data!.searchFlows).toHaveLength(1);
  });

  it("never answers with another workspace's flows, and answers [] for an empty index", async () => {
    await indexedWorkspace();
    expect((await search('slack', callerFor(newWorkspace(), 'viewer'))).data!.searchFlows).toEqual([]);
    async function search(q: string, caller: ReturnType<typeof callerFor>) {
      return app.gql(SEARCH, { q }, caller);
    }
  });

  it('updates and deletes documents on the index route, only for the caller workspace', async () => {
    const { workspaceId, editor, ids, search } = await indexedWorkspace();
    await app.internal('/internal/search/index', { flowId: ids.slack, ...flows.slack, name: 'Post alerts to Discord', configText: 'https://discord.com/api/webhooks' }, editor);
    expect((await search('discord')).data!.searchFlows[0].flow.id).toBe(ids.slack);
    const stranger = callerFor(newWorkspace(), 'editor');
    expect((await app.internal('/internal/search/index', { flowId: ids.slack, deleted: true }, stranger)).status).toBe(404);
    expect((await app.internal('/internal/search/index', { flowId: ids.slack, workspaceId, deleted: true }, stranger)).status).toBe(403);
    await app.internal('/internal/search/index', { flowId: ids.slack, deleted: true }, editor);
    expect((await search('discord')).data!.searchFlows).toEqual([]);
  });

  it('derives node types and config text from raw nodes', async () => {
    const workspaceId = newWorkspace();
    const flowId = randomUUID();
    const nodes = [{ id: 'a', type: 'http.request', data: { url: 'https://api.github.com/repos', headers: { accept: 'json' } } }];
    await app.internal('/internal/search/index', { flowId, name: 'Repo sync', nodes }, callerFor(workspaceId, 'editor'));
    expect((await app.gql(SEARCH, { q: 'github http' }, callerFor(workspaceId, 'viewer'))).data!.searchFlows[0].flow.id).toBe(flowId);
  });

  it('ranks by embeddings (SEMANTIC) once an embeddings provider is configured, backfilling old documents', async () => {
    const { workspaceId, ids, search } = await indexedWorkspace();
    const owner = callerFor(workspaceId, 'owner');
    const configured = await app.gql(CONFIGURE, { input: { name: 'embedder', kind: 'OPENAI_COMPATIBLE', baseUrl: fake.url('embedder'), apiKey: 'sk-embed', models: ['embed-small'], taskTypes: ['embeddings'], priority: 1 } }, owner);
    expect(configured.errors).toBeUndefined();
    const hits = (await search('invoices overdue customers')).data!.searchFlows;
    expect(hits[0]).toMatchObject({ flow: { id: ids.invoices }, ranking: 'SEMANTIC' });
    expect(hits[0].score).toBeGreaterThan(hits[1]?.score ?? 0);
    const calls = [...fake.requests('embedder')];
    expect(calls[0]!.body).toMatchObject({ model: 'embed-small', input: expect.arrayContaining([expect.stringContaining('Invoice reminders')]) });
    // Documents embedded once are not embedded again.
    await search('slack');
    expect(fake.requests('embedder').length).toBe(calls.length + 1);
  });

  it('embeds a flow in the background when it is indexed after an embeddings provider exists', async () => {
    const workspaceId = newWorkspace();
    await app.gql(CONFIGURE, { input: { name: 'early', kind: 'OPENAI_COMPATIBLE', baseUrl: fake.url('early'), apiKey: '', models: ['e-1'], taskTypes: ['embeddings'] } }, callerFor(workspaceId, 'owner'));
    const flowId = randomUUID();
    expect((await app.internal('/internal/search/index', { flowId, ...flows.news }, callerFor(workspaceId, 'editor'))).status).toBe(200);
    await app.services.search.settled();
    expect(fake.requests('early')).toHaveLength(1);
    const hits = (await app.gql(SEARCH, { q: 'morning headlines' }, callerFor(workspaceId, 'viewer'))).data!.searchFlows;
    expect(hits).toEqual([{ flow: { id: flowId }, score: expect.any(Number), ranking: 'SEMANTIC' }]);
    // Only the query was embedded: the document already had its vector.
    expect(fake.requests('early')).toHaveLength(2);
  });

  it('falls back to BM25 when the embeddings provider fails', async () => {
    const { workspaceId, ids, search } = await indexedWorkspace();
    await app.gql(CONFIGURE, { input: { name: 'broken', kind: 'OPENAI_COMPATIBLE', baseUrl: fake.url('broken'), apiKey: '', models: ['e'], taskTypes: ['embeddings'] } }, callerFor(workspaceId, 'owner'));
    fake.always('broken', { kind: 'status', status: 500 });
    expect((await search('slack')).data!.searchFlows).toEqual([{ flow: { id: ids.slack }, score: expect.any(Number), ranking: 'LEXICAL' }]);
  });

  it('refuses index calls without a signed editor', async () => {
    const body = { flowId: randomUUID(), name: 'x' };
    expect((await app.internal('/internal/search/index', body, null, false)).status).toBe(401);
    expect((await app.internal('/internal/search/index', body, callerFor(newWorkspace(), 'viewer'))).status).toBe(403);
    expect((await app.internal('/internal/search/index', { flowId: 'not-a-uuid' }, callerFor(newWorkspace(), 'editor'))).status).toBe(400);
  });
});
