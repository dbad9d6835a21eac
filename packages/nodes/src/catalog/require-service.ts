import { ErrorCode, NodeError } from '../errors';
import type { EngineServices } from '../types';

/** The named service, or a SERVICE_UNAVAILABLE failure that says which node needed it. */
export function requireService<K extends keyof EngineServices>(
  services: EngineServices,
  name: K,
  nodeType: string,
): NonNullable<EngineServices[K]> {
  const service = services[name];
  if (service === undefined || service === null) {
    throw new NodeError(
      ErrorCode.SERVICE_UNAVAILABLE,
      `${nodeType} needs the "${name}" service, which this worker does not provide`,
      { retryable: false },
    );
  }
  return service;
}
