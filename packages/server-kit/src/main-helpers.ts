import { z } from 'zod';
import { baseConfigSchema, loadConfig, portSetting, type BaseConfig } from './config';
import { createLogger, type Logger } from './logger';
import { resolveSecrets, type PlatformSecrets } from './secrets';

export interface ServiceBoot<C extends BaseConfig> {
  readonly config: C & { PORT: number };
  readonly secrets: PlatformSecrets;
  readonly log: Logger;
}

/** The shared settings, PORT (default `defaultPort`) and a service's own `extra` ones, from `env`. */
export function serviceConfig<S extends z.ZodRawShape = Record<never, z.ZodType>>(
  defaultPort: number,
  extra?: S,
  env: NodeJS.ProcessEnv = process.env,
): BaseConfig & z.infer<z.ZodObject<S>> & { PORT: number } {
  const schema = baseConfigSchema.extend({ PORT: portSetting(defaultPort), ...(extra ?? ({} as S)) });
  return loadConfig(schema, env) as BaseConfig & z.infer<z.ZodObject<S>> & { PORT: number };
}

/** Config, secrets and logger for a service listening on `defaultPort` unless PORT says otherwise. */
export function bootService<S extends z.ZodRawShape = Record<never, z.ZodType>>(
  service: string,
  defaultPort: number,
  extra?: S,
  env: NodeJS.ProcessEnv = process.env,
): ServiceBoot<BaseConfig & z.infer<z.ZodObject<S>>> {
  const config = serviceConfig(defaultPort, extra, env);
  return { config, secrets: resolveSecrets(config.DATA_DIR, env), log: createLogger(service, config.LOG_LEVEL) };
}
