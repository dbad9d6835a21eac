import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server flows call through `http.request`, counting hits per path, so tests
 * count side effects. `script(path)` decides the status of the nth hit.
 */
export class CountingServer {
  readonly hits = new Map<string, number>();
  private server: Server | undefined;
  url = '';

  constructor(private readonly script: (path: string, hit: number) => { status: number; delayMs?: number } = () => ({ status: 200 })) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const hit = (this.hits.get(path) ?? 0) + 1;
      this.hits.set(path, hit);
      const { status, delayMs = 0 } = this.script(path, hit);
      const timer = setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ path, hit })), delayMs);
      res.on('close', () => clearTimeout(timer));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  count(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
