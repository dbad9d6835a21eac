import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { context, diag, DiagLogLevel, INVALID_SPAN_CONTEXT, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { SpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { loadConfig } from '../config';
import { tracesEndpointOf, tracingSettingsSchema } from './tracing-settings';

export { SpanKind, SpanStatusCode, type Attributes, type Context, type Span };

/** The instrumentation scope of every span Omnitron makes itself. */
const SCOPE = 'omnitron';

/** The SDK, once `startTracing` found an endpoint: one span processor (one exporter), a provider per role. */
interface Sdk {
  readonly processor: SpanProcessor;
  /** A provider for `role`: the same processor, its own `service.name`. */
  readonly providerFor: (role: string) => TracerProvider;
  readonly tracers: Map<string, Tracer>;
  readonly main: string;
}

let sdk: Sdk | undefined;
/** The API's own tracer, a no-op while no provider is registered. */
const apiTracer = trace.getTracer(SCOPE);
/** What `inSpan` hands its work while tracing is off. */
const noSpan = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** Tracing as one process started it. */
export interface Tracing {
  /** Whether spans are recorded and exported (an OTLP endpoint is set). */
  readonly enabled: boolean;
  /** Exports what is left and unregisters the SDK; call it last when the process stops. */
  shutdown(): Promise<void>;
}

const off: Tracing = { enabled: false, shutdown: async () => undefined };

/**
 * Starts tracing for this process when OTEL_EXPORTER_OTLP_ENDPOINT (or the traces one) is set:
 * loads the SDK, registers a W3C `traceparent` propagator, an AsyncLocalStorage context manager
 * and the provider of `service` (its `service.name`, `omnitron-<service>` unless OTEL_SERVICE_NAME
 * says otherwise) as the global one, so a library tracing through the API traces into it.
 * Without an endpoint nothing is loaded: the SDK modules are imported here only, and the API
 * stays the no-op it is. A second call in the same process (a host starting several roles)
 * returns the tracing already started, with a shutdown that leaves it to the first caller.
 * The SDK's own warnings and errors (a collector that cannot be reached) go to `log`; an export
 * never fails anything else, shutdown included.
 */
export async function startTracing(service: string, env: NodeJS.ProcessEnv = process.env, log?: Logger): Promise<Tracing> {
  const settings = loadConfig(tracingSettingsSchema, env);
  const url = tracesEndpointOf(settings);
  if (!url) return off;
  if (sdk) return { enabled: true, shutdown: async () => undefined };
  // Loaded here, not at the top: a process without an endpoint never loads them. Resolved from this
  // file, whichever app's build it is bundled into: next to an app, `@opentelemetry/resources` and
  // `core` are Apollo Gateway's older 1.x copies.
  const load = createRequire(import.meta.url);
  const { TracerProvider, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } = load('@opentelemetry/sdk-trace') as typeof import('@opentelemetry/sdk-trace');
  const { OTLPTraceExporter } = load('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = load('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { W3CTraceContextPropagator } = load('@opentelemetry/core') as typeof import('@opentelemetry/core');
  const { AsyncLocalStorageContextManager } = load('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
  const processor = new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }), scheduledDelayMillis: settings.OTEL_BSP_SCHEDULE_DELAY });
  const sampler = new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.OTEL_TRACES_SAMPLER_ARG) });
  const providers = new Map<string, TracerProvider>();
  const providerFor = (role: string): TracerProvider => {
    let provider = providers.get(role);
    if (!provider) {
      const resource = resourceFromAttributes({
        'service.name': settings.OTEL_SERVICE_NAME ?? `omnitron-${role}`,
        'service.namespace': 'omnitron',
        'service.instance.id': `${hostname()}:${process.pid}`,
        'omnitron.role': role,
      });
      provider = new TracerProvider({ resource, sampler, spanProcessors: [processor] });
      providers.set(role, provider);
    }
    return provider;
  };
  sdk = { processor, providerFor, tracers: new Map(), main: service };
  if (log) diag.setLogger(diagnosticsTo(log), DiagLogLevel.WARN);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(providerFor(service));
  return {
    enabled: true,
    shutdown: async () => {
      const started = sdk;
      if (!started) return;
      // Spans that cannot be delivered now are given up: a missing collector never fails a shutdown.
      await started.processor.shutdown().catch((error: unknown) => log?.warn({ err: error }, 'tracing: the last spans could not be exported'));
      sdk = undefined;
      trace.disable();
      propagation.disable();
      context.disable();
      diag.disable();
    },
  };
}

/** The active context (the span a new one is a child of). */
export function activeTraceContext(): Context {
  return context.active();
}

/** The SDK's diagnostics (export failures, dropped spans) as log lines. */
function diagnosticsTo(log: Logger) {
  const quiet = () => undefined;
  return {
    error: (message: string, ...args: unknown[]) => log.warn({ args }, `tracing: ${message}`),
    warn: (message: string, ...args: unknown[]) => log.warn({ args }, `tracing: ${message}`),
    info: quiet,
    debug: quiet,
    verbose: quiet,
  };
}

/**
 * Runs `work` outside any trace: what it sends starts a trace of its own. For work done on behalf
 * of many requests or runs at once (a batch), which would otherwise join whichever one scheduled it.
 */
export function outsideAnyTrace<T>(work: () => T): T {
  return sdk ? context.with(ROOT_CONTEXT, work) : work();
}

/** Whether this process records spans. Callers skip work that only feeds spans when it does not. */
export function tracingEnabled(): boolean {
  return sdk !== undefined;
}

/** The tracer of `role` (its spans carry `service.name` omnitron-<role>); the no-op one while tracing is off. */
export function tracerFor(role?: string): Tracer {
  if (!sdk) return apiTracer;
  const name = role ?? sdk.main;
  let tracer = sdk.tracers.get(name);
  if (!tracer) {
    tracer = sdk.providerFor(name).getTracer(SCOPE);
    sdk.tracers.set(name, tracer);
  }
  return tracer;
}

/** Adds the active span's `traceparent` (and `tracestate`) to outgoing headers; nothing while tracing is off. */
export function injectTraceHeaders(headers: Record<string, string>, from: Context = context.active()): void {
  if (sdk) propagation.inject(from, headers);
}

/**
 * The context a request's headers continue: its `traceparent` when it has one, else the active
 * context (a call made in process continues its caller's span).
 */
export function traceContextOf(headers: Readonly<Record<string, string | string[] | undefined>>): Context {
  if (!sdk) return ROOT_CONTEXT;
  return propagation.extract(context.active(), headers);
}

/** What a queued job carries of the trace that queued it (the W3C headers). */
export type TraceCarrier = Readonly<Record<string, string>>;

/** The active span as a carrier for a job's data; undefined while tracing is off or no span is active. */
export function traceCarrier(): TraceCarrier | undefined {
  if (!sdk) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? carrier : undefined;
}

/** The context a carrier from a job continues (the active one when there is none). */
export function contextFromCarrier(carrier: TraceCarrier | undefined): Context {
  if (!sdk || !carrier) return context.active();
  return propagation.extract(context.active(), carrier);
}

/** Routes polled by probes and scrapers: no span each time. */
const UNTRACED_ROUTES = /^\/(health\/|metrics$)/;

/**
 * Runs the handling of one HTTP request in a SERVER span of `role`, named by its method and route
 * (`POST /graphql`, `POST /webhooks/*`: the route, never the path, which may be a webhook's secret
 * address) and ended when the answer is sent. It continues the request's `traceparent`, or the
 * caller's span for a request made in process.
 */
export function serveInSpan(role: string | undefined, req: IncomingMessage, res: ServerResponse, route: string | undefined, handle: () => Promise<void>): Promise<void> {
  if (!sdk || route === undefined || UNTRACED_ROUTES.test(route)) return handle();
  const parent = traceContextOf(req.headers);
  const method = req.method ?? 'GET';
  const span = tracerFor(role).startSpan(`${method} ${route}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'http.route': route } }, parent);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  res.once('finish', end);
  res.once('close', end);
  return context.with(trace.setSpan(parent, span), handle);
}

export interface SpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
  /** The parent; the active context when absent. */
  readonly parent?: Context;
}

/**
 * Runs `work` in a new active span of `role`, ended when `work` settles; a throw marks it ERROR
 * (with the error's name only: messages may quote what a user sent) and is rethrown. While tracing
 * is off this is `work` with a no-op span.
 */
export async function inSpan<T>(role: string, name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  if (!sdk) return work(noSpan);
  const parent = options.parent ?? context.active();
  const span = tracerFor(role).startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'Error' });
    throw error;
  } finally {
    span.end();
  }
}

const NO_FIELDS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * The active span's ids for a log line (`trace_id`, `span_id`), a fresh object each time; none
 * while tracing is off or outside a span. pino's `mixin`, with `mergeTraceFields` as its merge.
 */
export function traceLogFields(): Readonly<Record<string, string>> {
  if (!sdk) return NO_FIELDS;
  const span = trace.getSpan(context.active());
  if (!span) return NO_FIELDS;
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** pino's `mixinMergeStrategy` for `traceLogFields`: a line outside any span is written as it is, nothing copied. */
export function mergeTraceFields(line: object, fields: object): object {
  return fields === NO_FIELDS ? line : Object.assign(fields, line);
}
