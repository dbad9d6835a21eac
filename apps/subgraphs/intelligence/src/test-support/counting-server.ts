import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server that counts what reaches it: TCP connections and requests. */
export interface CountingServer {
  readonly host: string;
  readonly port: number;
  readonly connections: number;
  readonly requests: number;
  url(path?: string): string;
  close(): Promise<void>;
}

/**
 * Listens on `host` (any 127.x.y.z is loopback on Linux: allow-listing one address of it does not
 * allow another) and answers every request with `respond` (default: 200 `{}`).
 */
export async function startCountingServer(host = '127.0.0.1', respond: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('{}')): Promise<CountingServer> {
  let connections = 0;
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => respond(req, res));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host,
    port,
    get connections() {
      return connections;
    },
    get requests() {
      return requests;
    },
    url: (path = '/v1') => `http://${host}:${port}${path}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
