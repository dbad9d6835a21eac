import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLauncherConfig, repoRoot } from './config';

describe('launcher settings', () => {
  it('take their defaults from an empty environment', () => {
    expect(parseLauncherConfig({}).config).toEqual({
      PORT: 4000,
      DATA_DIR: join(repoRoot, 'data'),
      REDIS_URL: undefined,
      LAYOUT: 'combined',
      PRECOMPILE: true,
      WORKERS: 1,
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      RESTART_DELAY_MS: 500,
      RESTART_MAX_DELAY_MS: 30_000,
    });
  });

  it('read what is set, and ignore variables that are not theirs', () => {
    const { config } = parseLauncherConfig({
      PORT: ' 4100 ',
      DATA_DIR: '/tmp/omnitron',
      REDIS_URL: 'rediss://user:secret@redis.example:6380',
      LAYOUT: 'split',
      PRECOMPILE: 'OFF',
      WORKERS: '0',
      HOST: '0.0.0.0',
      NODE_ENV: 'development',
      RESTART_DELAY_MS: '0',
      RESTART_MAX_DELAY_MS: '3600000',
      DATABASE_URL: 'postgres://elsewhere',
    });
    expect(config).toEqual({
      PORT: 4100,
      DATA_DIR: '/tmp/omnitron',
      REDIS_URL: 'rediss://user:secret@redis.example:6380',
      LAYOUT: 'split',
      PRECOMPILE: false,
      WORKERS: 0,
      HOST: '0.0.0.0',
      NODE_ENV: 'development',
      RESTART_DELAY_MS: 0,
      RESTART_MAX_DELAY_MS: 3_600_000,
    });
    expect(parseLauncherConfig({ PRECOMPILE: 'yes', REDIS_URL: '' }).config).toMatchObject({ PRECOMPILE: true, REDIS_URL: undefined });
  });

  it('name every setting set wrong, and give no half-read configuration', () => {
    const { config, issues } = parseLauncherConfig({
      PORT: 'none',
      WORKERS: '33',
      RESTART_DELAY_MS: '1.5',
      LAYOUT: 'Combined',
      PRECOMPILE: 'maybe',
      REDIS_URL: 'http://127.0.0.1:6379',
      DATA_DIR: '',
      NODE_ENV: 'prod',
    });
    expect(config).toBeUndefined();
    expect(issues).toEqual([
      'PORT: expected an integer, got "none"',
      'DATA_DIR: expected a non-empty value',
      'REDIS_URL: expected a redis: or rediss: URL, got "http://127.0.0.1:6379"',
      'LAYOUT: expected one of "combined", "split", got "Combined"',
      'PRECOMPILE: expected true or false, got "maybe"',
      'WORKERS: expected an integer from 0 to 32, got 33',
      'NODE_ENV: expected one of "production", "development", "test", got "prod"',
      'RESTART_DELAY_MS: expected an integer, got "1.5"',
    ]);
    expect(parseLauncherConfig({ PORT: '0' }).issues).toEqual(['PORT: expected an integer from 1 to 65530, got 0']);
    expect(parseLauncherConfig({ REDIS_URL: 'not a url' }).issues).toEqual(['REDIS_URL: expected a URL, got "not a url"']);
  });
});
