import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpAnswersOk } from './http-ready';
import { freePort } from './ports';

let web: Server;
let notHttp: TcpServer;
let silent: TcpServer;
const held: Socket[] = [];
const port = (server: Server | TcpServer) => (server.address() as AddressInfo).port;

beforeAll(async () => {
  web = createHttpServer((req, res) => {
    if (req.url === '/health/ready?full=1') res.writeHead(200).end('ok');
    else if (req.url === '/health/live') res.writeHead(204).end();
    else if (req.url === '/health/ready') res.writeHead(503).end('not yet');
    else res.writeHead(404).end();
  });
  notHttp = createTcpServer((socket) => {
    held.push(socket);
    socket.end('-ERR unknown command\r\n');
  });
  // Accepts and never answers: the probe must give up at its timeout.
  silent = createTcpServer((socket) => held.push(socket));
  await Promise.all([web, notHttp, silent].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))));
});

afterAll(async () => {
  held.forEach((socket) => socket.destroy());
  web.closeAllConnections();
  await Promise.all([web, notHttp, silent].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

describe('httpAnswersOk (the launcher readiness probe, without fetch)', () => {
  it('is true for a 2xx answer, path and query as given', async () => {
    expect(await httpAnswersOk(`http://127.0.0.1:${port(web)}/health/ready?full=1`)).toBe(true);
    expect(await httpAnswersOk(`http://127.0.0.1:${port(web)}/health/live`)).toBe(true);
  });

  it('is false for any other status, a closed port, a server that is not HTTP and one that never answers', async () => {
    expect(await httpAnswersOk(`http://127.0.0.1:${port(web)}/health/ready`)).toBe(false);
    expect(await httpAnswersOk(`http://127.0.0.1:${port(web)}/nothing`)).toBe(false);
    expect(await httpAnswersOk(`http://127.0.0.1:${await freePort()}/health/ready`)).toBe(false);
    expect(await httpAnswersOk(`http://127.0.0.1:${port(notHttp)}/health/ready`)).toBe(false);
    expect(await httpAnswersOk(`http://127.0.0.1:${port(silent)}/health/ready`, 300)).toBe(false);
  });

  it('refuses a URL that is not plain http', async () => {
    await expect(httpAnswersOk('https://127.0.0.1:1/health/ready')).rejects.toThrow(/plain http/);
  });
});
