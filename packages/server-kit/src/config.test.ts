import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('fills embedded defaults', () => {
    const config = loadConfig(baseConfigSchema, {});
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.MAX_BODY_BYTES).toBe(1_048_576);
  });

  it('names every malformed or missing setting in one error', () => {
    const schema = baseConfigSchema.extend({ REQUIRED_THING: z.string() });
    const attempt = () => loadConfig(schema, { DATABASE_URL: 'mysql://nope', MAX_BODY_BYTES: 'lots' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('MAX_BODY_BYTES');
      expect(message).toContain('REQUIRED_THING');
    }
  });
});
