import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './ports';
import { redisAnswers } from './redis-ping';

const shared = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let locked: ChildProcess;
let lockedPort = 0;
let notRedis: Server;

beforeAll(async () => {
  // A private redis-server that requires a password, as a managed Redis would.
  lockedPort = await freePort();
  locked = spawn('redis-server', ['--port', String(lockedPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', 'launcher-secret'], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(await redisAnswers(`redis://:launcher-secret@127.0.0.1:${lockedPort}`)); i++) await new Promise((r) => setTimeout(r, 100));
  notRedis = createServer((_req, res) => res.end('hello'));
  await new Promise<void>((resolve) => notRedis.listen(0, '127.0.0.1', resolve));
}, 30_000);

afterAll(async () => {
  locked?.kill('SIGTERM');
  await new Promise<void>((resolve) => (notRedis ? notRedis.close(() => resolve()) : resolve()));
});

describe('redisAnswers (the launcher probe, without a client library)', () => {
  it('is true for a Redis server answering PING, with a password it needs or one it does not', async () => {
    expect(await redisAnswers(shared)).toBe(true);
    expect(await redisAnswers(`redis://:launcher-secret@127.0.0.1:${lockedPort}`)).toBe(true);
    expect(await redisAnswers(`redis://default:launcher-secret@127.0.0.1:${lockedPort}`)).toBe(true);
    // A password the shared server does not need: it refuses the AUTH and still answers, as ioredis accepts.
    const withPassword = new URL(shared);
    withPassword.password = 'unneeded';
    expect(await redisAnswers(withPassword.toString())).toBe(true);
  });

  it('is false without the password a server needs, with a wrong one, for a closed port and for a server that is not Redis', async () => {
    expect(await redisAnswers(`redis://127.0.0.1:${lockedPort}`)).toBe(false);
    expect(await redisAnswers(`redis://:wrong@127.0.0.1:${lockedPort}`)).toBe(false);
    expect(await redisAnswers(`redis://127.0.0.1:${await freePort()}`)).toBe(false);
    expect(await redisAnswers(`redis://127.0.0.1:${(notRedis.address() as AddressInfo).port}`)).toBe(false);
  });
});
