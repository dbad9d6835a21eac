import { z } from 'zod';
import { ErrorCode, NodeError } from '../../errors';
import { interpolate, templateExpressions } from '../../expression/template';
import { guardedRequest, type GuardedResponse } from '../../http/guarded-request';
import { HTTP_CREDENTIAL_TYPES } from '../../credentials/credential-types';
import { httpAuthorizationOf, withQuery, type HttpAuthorization } from '../../credentials/http-credential';
import type { EngineServices } from '../../types';
import { defineNode } from '../node-definition';
import { requireService } from '../require-service';

const DEFAULT_TIMEOUT_MS = 30_000;

const jsonBody = z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]);

export const httpRequest = defineNode({
  type: 'http.request',
  title: 'HTTP request',
  description: 'Calls an HTTP endpoint (private networks refused unless allowed); outputs {status, headers, body}.',
  category: 'integration',
  effects: 'outside',
  icon: 'globe',
  fields: {
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']).default('GET').meta({ title: 'Method' }),
    url: z
      .string()
      .min(1)
      .describe('May hold {{ expression }} parts, e.g. https://api.example.com/users/{{ $nodes.a.id }}')
      .meta({ title: 'URL', widget: 'template', placeholder: 'https://api.example.com/users/{{ $.id }}' }),
    query: z
      .record(z.string().min(1), z.string())
      .default({})
      .describe('Query parameters added to the URL (replacing one of the same name); values may hold {{ expression }} parts')
      .meta({ title: 'Query parameters', widget: 'keyValue' }),
    headers: z
      .record(z.string(), z.string())
      .default({})
      .describe('Values may hold {{ expression }} parts')
      .meta({ title: 'Headers', widget: 'keyValue' }),
    body: jsonBody
      .optional()
      .describe('A string, or JSON whose strings may hold {{ expression }} parts')
      .meta({ title: 'Body', widget: 'json' }),
    credential: z
      .string()
      .min(1)
      .optional()
      .describe('Name of a credential of the workspace (header, bearer, basic, query key or OAuth2)')
      .meta({ title: 'Credential', widget: 'credential', credentialTypes: [...HTTP_CREDENTIAL_TYPES] }),
    failOnHttpError: z.boolean().default(true).describe('Fail the node on a 4xx/5xx status').meta({ title: 'Fail on an error status' }),
  },
  inputs: ['in'],
  outputs: ['out'],
  expressionsOf: (config) => templateExpressions([config.url, config.query, config.headers, config.body]),
  async execute(ctx) {
    const { config, expressions } = ctx;
    const query: Record<string, string> = {};
    for (const [name, value] of Object.entries(config.query)) query[name] = await expressions.renderText(value);
    let url = withQuery(await expressions.renderText(config.url), query);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(config.headers)) headers[name] = await expressions.renderText(value);
    let credentialHeaders: string[] = [];
    if (config.credential !== undefined) {
      const auth = await authorize(ctx.services, config.credential, ctx.signal);
      Object.assign(headers, auth.headers);
      url = withQuery(url, auth.query);
      // A credential's headers are dropped if a redirect leaves the origin, like `authorization`.
      credentialHeaders = Object.keys(auth.headers);
    }
    const body = encodeBody(config.body === undefined ? undefined : await expressions.render(config.body), headers);
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(config.timeoutMs ?? DEFAULT_TIMEOUT_MS)]);
    let response: GuardedResponse;
    try {
      response = await guardedRequest({ method: config.method, url, headers, credentialHeaders, ...body }, ctx.http, signal);
    } catch (error) {
      if (error instanceof NodeError || ctx.signal.aborted) throw error;
      throw new NodeError(ErrorCode.HTTP_ERROR, `${config.method} ${url} failed: ${describe(error)}`, { cause: error });
    }
    if (config.failOnHttpError && response.status >= 400) {
      throw new NodeError(ErrorCode.HTTP_STATUS, `${config.method} ${url} answered ${response.status}`, {
        retryable: response.status >= 500 || response.status === 429,
      });
    }
    return { output: { status: response.status, headers: response.headers, body: decodeBody(response) } };
  },
});

/** What the named credential adds to the request; every value it adds joins the run's mask. */
async function authorize(services: EngineServices, name: string, signal: AbortSignal): Promise<HttpAuthorization> {
  const credentials = requireService(services, 'credentials', 'http.request');
  const credential = await credentials.resolve(name, HTTP_CREDENTIAL_TYPES, signal);
  const auth = await httpAuthorizationOf(credential, credentials.tokens, signal);
  credentials.conceal(auth.secrets);
  return auth;
}

function encodeBody(value: unknown, headers: Record<string, string>): { body?: string } {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') return { body: value };
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  return { body: JSON.stringify(value) };
}

function decodeBody(response: GuardedResponse): unknown {
  const text = response.body.toString('utf8');
  const type = response.headers['content-type'];
  const contentType = Array.isArray(type) ? type.join(';') : (type ?? '');
  if (!/\bjson\b|\+json/i.test(contentType) || text.length === 0) return text;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NodeError(ErrorCode.HTTP_ERROR, `response claims JSON but does not parse: ${describe(error)}`, {
      cause: error,
      retryable: false,
    });
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return interpolate(error);
}
