import { connect, type Socket } from 'node:net';

/**
 * Whether `GET url` (plain `http:`, as every ready URL the launcher polls is) answers with a 2xx status
 * within `timeoutMs`. The launcher polls its processes' ready URLs at start and after each
 * restart: over node:net, reading the status line alone, rather than `fetch` or node:http, whose
 * modules (undici, the HTTP parser) would stay loaded in the launcher for the platform's whole life
 * (~5-15 MB of its resident memory, for a process that otherwise sits idle).
 */
export function httpAnswersOk(url: string, timeoutMs = 1_000): Promise<boolean> {
  const target = new URL(url);
  if (target.protocol !== 'http:') return Promise.reject(new Error(`ready URLs are plain http: (got ${url})`));
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const port = Number(target.port || 80);
  return new Promise((resolve) => {
    let head = '';
    let settled = false;
    const socket: Socket = connect({ host, port });
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => socket.write(`GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`));
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n');
      if (end >= 0) done(/^HTTP\/1\.[01] 2\d\d /.test(head.slice(0, end + 1)));
      else if (head.length > 1_024) done(false); // not HTTP
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}
