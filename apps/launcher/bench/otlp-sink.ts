import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OTLP/HTTP receiver for `BENCH_TRACING=on`: every platform process exports its spans here
 * (OTLP JSON on `/v1/traces`), and it counts them, so the bench measures the platform with its
 * exports and checks they arrived. It answers at once and keeps nothing else.
 */
export class OtlpSink {
  spans = 0;
  exports = 0;
  bytes = 0;
  private server: Server | undefined;

  /** Listens on a free loopback port; resolves with the OTEL_EXPORTER_OTLP_ENDPOINT to use. */
  async start(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        this.exports += 1;
        this.bytes += body.length;
        if (req.url === '/v1/traces') this.spans += countSpans(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function countSpans(body: Buffer): number {
  const parsed = JSON.parse(body.toString('utf8')) as { resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: unknown[] }> }> };
  return (parsed.resourceSpans ?? []).reduce((sum, r) => sum + (r.scopeSpans ?? []).reduce((n, s) => n + (s.spans?.length ?? 0), 0), 0);
}
