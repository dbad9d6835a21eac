import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corkingSocket } from './corking-socket';

describe('corkingSocket', () => {
  const received: Buffer[] = [];
  const accepted: Socket[] = [];
  const server = createServer((socket: Socket) => {
    accepted.push(socket);
    socket.on('data', (chunk: Buffer) => received.push(chunk));
  });
  let port = 0;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of accepted) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends the writes of one tick in one writev, in order, and nothing later than that tick', async () => {
    const socket = corkingSocket();
    await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', resolve));
    const calls: number[] = [];
    const writev = socket._writev!.bind(socket);
    socket._writev = (chunks, callback) => {
      calls.push(chunks.length);
      writev(chunks, callback);
    };
    for (const part of ['parse|', 'bind|', 'describe|', 'execute|', 'sync|']) socket.write(part);
    await new Promise((resolve) => setImmediate(resolve));
    socket.write('next-tick');
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls[0]).toBe(5);
    const deadline = Date.now() + 5_000;
    while (Buffer.concat(received).toString() !== 'parse|bind|describe|execute|sync|next-tick' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(Buffer.concat(received).toString()).toBe('parse|bind|describe|execute|sync|next-tick');
    socket.destroy();
  });
});
