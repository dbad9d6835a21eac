import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const loggerModule = fileURLToPath(new URL('./logger.ts', import.meta.url));

describe('createLogger', () => {
  it('writes every line in order, and what is still buffered when the process exits', () => {
    const script = `
      import { createLogger } from ${JSON.stringify(loggerModule)};
      const log = createLogger('order-test', 'info');
      for (let i = 0; i < 2000; i++) log.info({ i, password: 'hunter2' }, 'line');
      process.exit(0);
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    expect(child.status).toBe(0);
    const lines = child.stdout.trim().split('\n').map((line) => JSON.parse(line) as { i: number; service: string; password: string });
    expect(lines.map((line) => line.i)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(lines[0]).toMatchObject({ service: 'order-test', password: '[redacted]' });
  });

  it('writes access lines without the redaction walk, and every other line still redacted', () => {
    const script = `
      import { createLogger, unredactedLog } from ${JSON.stringify(loggerModule)};
      const log = createLogger('access-test', 'info');
      const access = unredactedLog(log);
      access.info({ requestId: 'r-1', method: 'POST', path: '/webhooks/a', status: 200, ms: 1.5 }, 'request');
      log.info({ password: 'hunter2', headers: { authorization: 'Bearer x' } }, 'after');
      access.debug({ requestId: 'r-2' }, 'below the level');
      process.exit(0);
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.status).toBe(0);
    const lines = child.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ service: 'access-test', level: 30, requestId: 'r-1', method: 'POST', path: '/webhooks/a', status: 200, ms: 1.5, msg: 'request' });
    expect(lines[1]).toMatchObject({ service: 'access-test', password: '[redacted]', headers: { authorization: '[redacted]' }, msg: 'after' });
  });

  it('writes a quiet process\'s line within the flush interval, not only at exit', () => {
    // Killed without an exit handler running: only what the periodic flush wrote is there.
    const script = `
      import { createLogger } from ${JSON.stringify(loggerModule)};
      const log = createLogger('idle-test', 'info');
      log.info('one line while idle');
      setTimeout(() => process.kill(process.pid, 'SIGKILL'), 1_000);
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['one line while idle']);
  });
});
