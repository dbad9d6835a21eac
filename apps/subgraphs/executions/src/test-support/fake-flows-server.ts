import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeOf, verifyCaller, type Caller } from '@omnitron/server-kit';
import { TEST_SIGNING_KEY } from '@omnitron/server-kit/testing';
import type { FlowGraph } from '@omnitron/nodes';

interface StoredFlow {
  id: string;
  workspaceId: string;
  version: number;
  graph: FlowGraph;
}

/**
 * A small real HTTP server answering `flow(id)` like the flows subgraph does today (signed
 * requests only, workspace-scoped, no `valid`/`problems` fields yet), so tests exercise the real
 * HTTP client without depending on another app.
 */
export class FakeFlowsServer {
  private readonly flows = new Map<string, StoredFlow>();
  private server: Server | undefined;
  url = '';
  /** Callers seen, for assertions on who asked. */
  readonly callers: Array<Caller | null> = [];

  put(workspaceId: string, id: string, graph: FlowGraph): void {
    const version = (this.flows.get(id)?.version ?? 0) + 1;
    this.flows.set(id, { id, workspaceId, version, graph });
  }

  remove(id: string): void {
    this.flows.delete(id);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.answer(req, body))));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  private answer(req: IncomingMessage, body: string): unknown {
    let caller: Caller | null;
    try {
      caller = verifyCaller(TEST_SIGNING_KEY, routeOf(req.method ?? 'GET', req.url ?? '/'), req.headers, 30_000);
    } catch {
      return { errors: [{ message: 'unsigned', extensions: { code: 'UNAUTHENTICATED' } }] };
    }
    this.callers.push(caller);
    const { query, variables } = JSON.parse(body) as { query: string; variables: { id: string } };
    if (/\bvalid\b/.test(query)) return { errors: [{ message: 'Cannot query field "valid" on type "Flow".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] };
    const flow = this.flows.get(variables.id);
    if (!flow || !caller || flow.workspaceId !== caller.workspaceId) return { data: { flow: null } };
    return { data: { flow: { id: flow.id, version: flow.version, nodes: flow.graph.nodes, edges: flow.graph.edges } } };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
