import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('fills embedded defaults', () => {
    const config = loadConfig(baseConfigSchema, {});
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.MAX_BODY_BYTES).toBe(1_048_576);
    expect(config.SQLITE_SYNCHRONOUS).toBe('normal');
  });

  it('names every malformed or missing setting in one error', () => {
    const schema = baseConfigSchema.extend({ REQUIRED_THING: z.string() });
    const attempt = () => loadConfig(schema, { DATABASE_URL: 'mysql://nope', MAX_BODY_BYTES: 'lots', SQLITE_SYNCHRONOUS: 'off' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('MAX_BODY_BYTES');
      expect(message).toContain('REQUIRED_THING');
      expect(message).toContain('SQLITE_SYNCHRONOUS');
    }
  });
});

describe('default Redis prefix', () => {
  it('follows the data, so two installs on one Redis never share queues', () => {
    const a = loadConfig(baseConfigSchema, { DATA_DIR: '/tmp/install-a' });
    const a2 = loadConfig(baseConfigSchema, { DATA_DIR: '/tmp/install-a' });
    const b = loadConfig(baseConfigSchema, { DATA_DIR: '/tmp/install-b' });
    expect(a.REDIS_PREFIX).toMatch(/^omnitron:[0-9a-f]{10}$/);
    expect(a.REDIS_PREFIX).toBe(a2.REDIS_PREFIX);
    expect(a.REDIS_PREFIX).not.toBe(b.REDIS_PREFIX);
  });

  it('is shared by every replica of one PostgreSQL install, and can be set explicitly', () => {
    const url = 'postgres://db:5432/omnitron';
    expect(loadConfig(baseConfigSchema, { DATABASE_URL: url, DATA_DIR: '/x' }).REDIS_PREFIX).toBe(
      loadConfig(baseConfigSchema, { DATABASE_URL: url, DATA_DIR: '/y' }).REDIS_PREFIX,
    );
    expect(loadConfig(baseConfigSchema, { REDIS_PREFIX: 'acme' }).REDIS_PREFIX).toBe('acme');
  });
});
