import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; every line names the service. Secrets are redacted by path. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: {
      paths: ['password', '*.password', 'apiKey', '*.apiKey', 'secret', '*.secret', 'headers.authorization', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
