import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeOf, verifyCaller, type Caller } from '@omnitron/server-kit';
import { TEST_SIGNING_KEY } from '@omnitron/server-kit/testing';

/** A small real server speaking the intelligence subgraph's internal routes (signed callers only). */
export class FakeIntelligenceServer {
  private server: Server | undefined;
  url = '';
  readonly timings: Array<{ caller: Caller | null; body: unknown }> = [];

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        let caller: Caller | null;
        try {
          caller = verifyCaller(TEST_SIGNING_KEY, routeOf(req.method ?? 'GET', req.url ?? '/'), req.headers, 30_000);
        } catch {
          return send(401, { errors: [{ message: 'unsigned', extensions: { code: 'UNAUTHENTICATED' } }] });
        }
        const body = JSON.parse(text) as { prompt?: string; taskType?: string };
        if (req.url === '/internal/ai/generate') {
          if (body.taskType === 'nothing-configured') return send(404, { errors: [{ message: 'No AI provider for this task', extensions: { code: 'NOT_FOUND', reason: 'NO_AI_PROVIDER' } }] });
          return send(200, { text: `echo: ${body.prompt}`, provider: 'fake', model: 'fake-1', usage: { inputTokens: 1, outputTokens: 2 } });
        }
        if (req.url === '/internal/stats/node-runs') {
          this.timings.push({ caller, body });
          return send(200, { ok: true });
        }
        send(404, { errors: [{ message: 'no route', extensions: { code: 'NOT_FOUND' } }] });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
