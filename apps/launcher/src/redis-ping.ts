import { connect as connectTcp, type Socket } from 'node:net';

/** One RESP command (an array of bulk strings), as every Redis client sends it. */
function command(...args: string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

/**
 * Whether a Redis server answers PING at `url` (`redis://` or `rediss://`, with the user and
 * password it names), within `timeoutMs`. The launcher's only use of Redis: a probe over node:net
 * rather than a client library, which would stay loaded in the launcher for the platform's whole
 * life (ioredis is ~20 MB of its resident memory); the platform's processes use ioredis.
 *
 * With a password, AUTH goes first and only PING's reply counts: a server without a password
 * refuses the AUTH but answers PING (as ioredis accepts), and one with another password answers
 * PING with NOAUTH.
 */
export async function redisAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(target.port || 6379);
  const password = decodeURIComponent(target.password);
  const user = decodeURIComponent(target.username);
  const auth = password ? (user ? command('AUTH', user, password) : command('AUTH', password)) : '';
  // node:tls only for a rediss: URL: loaded, it stays in the launcher for the platform's whole life.
  const connectTls = target.protocol === 'rediss:' ? (await import('node:tls')).connect : undefined;
  return new Promise((resolve) => {
    let replies = '';
    let settled = false;
    const socket: Socket = connectTls ? connectTls({ host, port, servername: host }) : connectTcp({ host, port });
    const done = (answered: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once(target.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => socket.write(auth + command('PING')));
    socket.on('data', (chunk: Buffer) => {
      replies += chunk.toString('latin1');
      const lines = replies.split('\r\n');
      // Simple-string and error replies are one line each: AUTH's (when sent), then PING's.
      const ping = lines[auth ? 1 : 0];
      if (ping !== undefined && lines.length > (auth ? 2 : 1)) done(ping === '+PONG');
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}
