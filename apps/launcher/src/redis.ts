import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './ports';
import { redisAnswers as answers } from './redis-ping';

export interface RedisChoice {
  readonly url: string;
  /** A private redis-server we started; stopped with the platform. */
  readonly child?: ChildProcess;
}

export const REDIS_INSTALL_HELP = [
  'Omnitron needs Redis and none was found.',
  '  - set REDIS_URL=redis://host:6379 to use an existing server, or',
  '  - install it: `sudo apt-get install redis-server` (Debian/Ubuntu), `brew install redis` (macOS),',
  '    then run `npm start` again (a private redis-server is started when none answers on 127.0.0.1:6379).',
].join('\n');

/** DESIGN.md's rule: REDIS_URL if given; else 127.0.0.1:6379 if it answers; else a private redis-server. */
export async function chooseRedis(explicitUrl: string | undefined): Promise<RedisChoice> {
  if (explicitUrl) {
    if (!(await answers(explicitUrl))) throw new Error(`Redis at REDIS_URL (${explicitUrl}) does not answer`);
    return { url: explicitUrl };
  }
  const local = 'redis://127.0.0.1:6379';
  if (await answers(local)) return { url: local };
  if (spawnSync('redis-server', ['--version']).error) throw new Error(REDIS_INSTALL_HELP);
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await answers(url)) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('A private redis-server was started but never answered');
}
