import { createServer } from 'node:net';

/** A port the kernel reports free right now (port 0 asks it for one). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * A base port P with P .. P+count-1 all free (the launcher uses PORT .. PORT+4). Bases are drawn
 * below the kernel's ephemeral range (32768+), so ports handed out at random cannot land on them.
 */
export async function freePortBase(count = 5, host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 10_000 + Math.floor(Math.random() * 20_000);
    const checks = await Promise.all(Array.from({ length: count }, (_, i) => isFree(base + i, host)));
    if (checks.every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}
