import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * Forwards TCP connections from `listen` (an address of a test network's bridge) to a service of
 * the root namespace that listens on loopback only (PostgreSQL, Redis), so hosts in network
 * namespaces reach it as they would a database server on another machine. Runs in the test's own
 * process, so it ends with it whatever happens.
 */
export class TcpForwarder {
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async start(listen: { host: string; port: number }, target: { host: string; port: number }): Promise<TcpForwarder> {
    const server = createServer();
    const forwarder = new TcpForwarder(server);
    server.on('connection', (inbound) => {
      const outbound = createConnection(target);
      for (const socket of [inbound, outbound]) {
        forwarder.sockets.add(socket);
        socket.once('close', () => forwarder.sockets.delete(socket));
        socket.setNoDelay(true);
      }
      inbound.pipe(outbound).pipe(inbound);
      // Either end failing or closing closes the other.
      inbound.on('error', () => outbound.destroy());
      outbound.on('error', () => inbound.destroy());
      inbound.once('close', () => outbound.destroy());
      outbound.once('close', () => inbound.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listen.port, listen.host, () => resolve());
    });
    return forwarder;
  }

  /** Stops listening and cuts every connection it carries. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
