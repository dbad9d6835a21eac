import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { injectTraceHeaders } from '../tracing/tracing';

/** One answer: status, headers, and the body (parsed when it says it is JSON, the text otherwise). */
export interface JsonAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export interface JsonClientOptions {
  /** Where every POST goes (a subgraph's GraphQL URL). */
  readonly url: string;
  /** No answer within this many ms aborts the fetch. @default 30_000 */
  readonly timeoutMs?: number;
}

/**
 * POSTs JSON to one URL over kept-alive connections with node:http directly, for service-to-service
 * calls. Apollo's default fetcher (make-fetch-happen over agent-base) cost the gateway more CPU per
 * subgraph fetch than the rest of its work on a list query, and `fetch` (undici) cost executions
 * more per call to flows than the INSERT of the run it was starting; this does only what a
 * loopback JSON POST needs.
 */
export class JsonClient {
  private readonly url: URL;
  private readonly timeoutMs: number;
  private readonly agent: Agent;
  private readonly send: typeof httpRequest;

  constructor(options: JsonClientOptions) {
    this.url = new URL(options.url);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    const secure = this.url.protocol === 'https:';
    this.agent = secure ? new HttpsAgent({ keepAlive: true }) : new Agent({ keepAlive: true });
    this.send = secure ? httpsRequest : httpRequest;
  }

  get href(): string {
    return this.url.href;
  }

  post(body: string, headers: Record<string, string>): Promise<JsonAnswer> {
    const sent: Record<string, string> = { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    // The active span's traceparent (tracing on): the receiver's spans join the caller's trace.
    injectTraceHeaders(sent);
    return new Promise((resolve, reject) => {
      const req = this.send(
        this.url,
        { method: 'POST', agent: this.agent, headers: sent, timeout: this.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const type = res.headers['content-type'] ?? '';
            const json = type.startsWith('application/json') || type.startsWith('application/graphql-response+json');
            try {
              resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, body: json ? JSON.parse(text) : text });
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${this.url.href} did not answer within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agent.destroy();
  }
}
