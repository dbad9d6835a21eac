import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JsonClient } from '@omnitron/server-kit/json-client';
import type { FlowDocument } from '../flow-fixtures';
import type { GatewayClient } from '../gateway-client';
import { runClients, type LoadBounds, type LoadResult } from '../load';

const node = (id: string, type: string, x: number, data: Record<string, unknown> = {}) => ({ id, type, position: { x, y: 0 }, data });
const edge = (source: string, target: string, sourceHandle?: string) => ({ id: `${source}-${target}`, source, target, ...(sourceHandle ? { sourceHandle } : {}) });

/**
 * The workload (#17): webhook POST {n} -> set a field -> IF -> set per branch -> respond.
 * Answers `{ size, n: 2n }` with 200 either way.
 */
export function branchingWebhookFlow(path: string): FlowDocument {
  const respond = (id: string, branch: string) => node(id, 'respond', 1000, { status: 200, body: { size: `{{ $nodes.${branch}.size }}`, n: `{{ $nodes.${branch}.n }}` } });
  return {
    name: `bench branching webhook ${path}`,
    description: 'webhook -> set -> IF -> set per branch -> respond',
    tags: ['bench'],
    nodes: [
      node('hook', 'trigger.webhook', 0, { path, respond: 'end' }),
      node('set', 'transform', 200, { expression: '{ "n": $input.body.n, "doubled": $input.body.n * 2 }' }),
      node('if', 'condition', 400, { expression: '$nodes.set.doubled > 10' }),
      node('big', 'transform', 600, { expression: '{ "size": "big", "n": $nodes.set.doubled }' }),
      node('small', 'transform', 600, { expression: '{ "size": "small", "n": $nodes.set.doubled }' }),
      respond('answerBig', 'big'),
      respond('answerSmall', 'small'),
    ],
    edges: [edge('hook', 'set'), edge('set', 'if'), edge('if', 'big', 'true'), edge('if', 'small', 'false'), edge('big', 'answerBig'), edge('small', 'answerSmall')],
  };
}

const isAnswer = (answer: { status: number; body: unknown }, n: number) =>
  answer.status === 200 && (answer.body as { n?: unknown; size?: unknown } | null)?.n === n * 2 && (answer.body as { size?: unknown }).size === (n * 2 > 10 ? 'big' : 'small');

/**
 * Saves the branching flow, marks it ephemeral when asked (`updateFlowSettings`), activates it
 * and waits for its path to answer. Returns the path.
 */
export async function registerBranchingWebhook(client: GatewayClient, path: string, ephemeral: boolean): Promise<string> {
  const { createFlow } = await client.request<{ createFlow: { id: string } }>('mutation ($input: FlowInput!) { createFlow(input: $input) { id } }', { input: branchingWebhookFlow(path) });
  if (ephemeral) {
    await client.request('mutation ($id: ID!, $input: FlowSettingsInput!) { updateFlowSettings(id: $id, input: $input) { id } }', { id: createFlow.id, input: { ephemeral: true } });
  }
  await client.request('mutation ($id: ID!) { activateFlow(id: $id) { active } }', { id: createFlow.id });
  const answer = await client.webhook(path, { n: 7 });
  if (!isAnswer(answer, 7)) throw new Error(`webhook ${path} answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
  return path;
}

/**
 * POST `<baseUrl>/webhooks/<path>` from `clients` concurrent clients; each answer must be the
 * branch's. Posts with node:http over kept-alive connections (`JsonClient`), as the list stage
 * does: the client shares the cores, and `fetch` would cost it more than a run.
 */
export async function measureBranchingWebhook(baseUrl: string, path: string, bounds: LoadBounds): Promise<LoadResult> {
  const http = new JsonClient({ url: `${baseUrl}/webhooks/${path}` });
  const headers = { 'content-type': 'application/json' };
  try {
    return await runClients(bounds, async (index) => {
      const n = index % 10;
      const answer = await http.post(JSON.stringify({ n }), headers);
      if (!isAnswer(answer, n)) throw new Error(`webhook answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
    });
  } finally {
    http.close();
  }
}

/**
 * The same workload on a bare `node:http` server in the bench process: parse, set, branch,
 * answer. The floor any platform's answer stands on, measured with the same client and load.
 */
export async function startBareWorkload(): Promise<{ readonly url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { n: number };
      const set = { n: body.n, doubled: body.n * 2 };
      const answer = set.doubled > 10 ? { size: 'big', n: set.doubled } : { size: 'small', n: set.doubled };
      const text = JSON.stringify(answer);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The bare server under the same load, posted to as the platform is. */
export function measureBare(baseUrl: string, bounds: LoadBounds): Promise<LoadResult> {
  return measureBranchingWebhook(baseUrl, 'bare', bounds);
}
