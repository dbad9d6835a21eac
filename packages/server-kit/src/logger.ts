import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout; every line names the service. Secrets are redacted by path.
 * Lines leave through an asynchronous destination: while one write is in flight the next lines
 * gather and follow in one write, in order (under load, one write per batch instead of a blocking
 * write per line; when idle, each line leaves at once). pino flushes what is left on exit.
 */
export function createLogger(service: string, level: string): Logger {
  return pino(
    {
      name: service,
      level,
      base: { service },
      redact: {
        paths: ['password', '*.password', 'apiKey', '*.apiKey', 'secret', '*.secret', 'headers.authorization', 'req.headers.authorization'],
        censor: '[redacted]',
      },
    },
    pino.destination({ dest: 1, sync: false }),
  );
}
