import { z } from 'zod';

const otlpUrl = z.url({ protocol: /^https?$/ });

/**
 * OpenTelemetry settings every process reads (the standard `OTEL_*` names). Tracing is on only
 * when an OTLP endpoint is set; otherwise no SDK module is loaded and every span is the API's no-op.
 */
export const tracingSettingsSchema = z.object({
  /**
   * Base URL of an OTLP/HTTP collector (e.g. `http://127.0.0.1:4318`): traces are sent as OTLP
   * JSON to `<url>/v1/traces`. Unset (and OTEL_EXPORTER_OTLP_TRACES_ENDPOINT unset): no tracing.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl.optional(),
  /** Full URL traces are POSTed to, instead of `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpUrl.optional(),
  /**
   * Headers sent with every export, `name=value` pairs separated by commas (say, a collector's
   * API key); read by the OTLP exporter.
   */
  OTEL_EXPORTER_OTLP_HEADERS: z.string().optional(),
  /** `service.name` of every span this process sends. @default `omnitron-<role>` (`omnitron-gateway`, `omnitron-worker`, ...) */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /**
   * Share of new traces recorded, 0 to 1 (a request arriving with a sampled `traceparent` is
   * always recorded, as `parentbased_traceidratio`). @default 1
   */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  /** Most milliseconds finished spans wait before they are exported together. @default 5000 */
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().positive().default(5_000),
  /** `true` turns tracing off even with an endpoint set. @default false */
  OTEL_SDK_DISABLED: z.stringbool().default(false),
});
export type TracingSettings = z.infer<typeof tracingSettingsSchema>;

/** Where this process sends its traces; undefined when tracing is off. */
export function tracesEndpointOf(settings: TracingSettings): string | undefined {
  if (settings.OTEL_SDK_DISABLED) return undefined;
  if (settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!settings.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  return `${settings.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
}
