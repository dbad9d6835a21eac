import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { Readable, Writable } from 'node:stream';

/**
 * A request handed to a route in memory (see `inProcessRoutes`): the method, target, headers and
 * the body's bytes, read as from a socket (a stream that yields the body once, then ends).
 * A route sees the `IncomingMessage` members it uses (`method`, `url`, `headers`, the stream).
 */
class InMemoryRequest extends Readable {
  readonly httpVersion = '1.1';
  readonly httpVersionMajor = 1;
  readonly httpVersionMinor = 1;
  readonly complete = true;
  private body: Buffer | undefined;

  constructor(
    readonly method: string,
    readonly url: string,
    readonly headers: IncomingHttpHeaders,
    body: Buffer,
  ) {
    super();
    this.body = body;
  }

  override _read(): void {
    const body = this.body;
    this.body = undefined;
    if (body && body.length > 0) this.push(body);
    this.push(null);
  }

  /** The whole body at once, if the stream was not read yet (see `takeInMemoryBody`); reading the stream then yields nothing. */
  takeBody(): Buffer | undefined {
    const body = this.body;
    if (body === undefined || this.readableDidRead) return undefined;
    this.body = Buffer.alloc(0);
    return body;
  }
}

/**
 * The body of a request made in memory (`inMemoryExchange`), taken whole without streaming it;
 * undefined for a request from a socket, or one whose stream was already read.
 */
export function takeInMemoryBody(req: IncomingMessage): Buffer | undefined {
  return req instanceof InMemoryRequest ? req.takeBody() : undefined;
}

/** What a route answered in memory: the status, the headers by lower-case name, the body's bytes. */
export interface InMemoryAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/**
 * A response a route writes in memory: the `ServerResponse` members routes use (status, header
 * get/set/remove, `writeHead`, `write`/`end`, `headersSent`, the `finish` and `close` events, a
 * pipe target), with no header rendering and no socket. `answer` resolves once the route ended it,
 * or rejects when it is destroyed first.
 */
class InMemoryResponse extends Writable {
  statusCode = 200;
  statusMessage = '';
  headersSent = false;
  private readonly fields = new Map<string, OutgoingHttpHeader>();
  private readonly chunks: Buffer[] = [];
  readonly answer: Promise<InMemoryAnswer>;

  constructor() {
    super();
    this.answer = new Promise((resolve, reject) => {
      let finished = false;
      this.once('finish', () => {
        finished = true;
        resolve({ status: this.statusCode, headers: this.headerValues(), body: this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks) });
      });
      // Every response closes after its finish; only one closed before it is an error (built only then: an Error captures a stack).
      this.once('close', () => {
        if (!finished) reject(new Error('The response was destroyed before it ended'));
      });
    });
  }

  setHeader(name: string, value: OutgoingHttpHeader): this {
    if (this.headersSent) throw Object.assign(new Error('Cannot set headers after they are sent to the client'), { code: 'ERR_HTTP_HEADERS_SENT' });
    this.fields.set(name.toLowerCase(), value);
    return this;
  }

  getHeader(name: string): OutgoingHttpHeader | undefined {
    return this.fields.get(name.toLowerCase());
  }

  hasHeader(name: string): boolean {
    return this.fields.has(name.toLowerCase());
  }

  removeHeader(name: string): void {
    this.fields.delete(name.toLowerCase());
  }

  getHeaderNames(): string[] {
    return [...this.fields.keys()];
  }

  getHeaders(): OutgoingHttpHeaders {
    return Object.fromEntries(this.fields);
  }

  writeHead(status: number, reasonOrHeaders?: string | OutgoingHttpHeaders | OutgoingHttpHeader[], headers?: OutgoingHttpHeaders | OutgoingHttpHeader[]): this {
    const fields = typeof reasonOrHeaders === 'string' ? headers : reasonOrHeaders;
    if (typeof reasonOrHeaders === 'string') this.statusMessage = reasonOrHeaders;
    this.statusCode = status;
    if (Array.isArray(fields)) {
      for (let i = 0; i + 1 < fields.length; i += 2) this.setHeader(String(fields[i]), fields[i + 1]!);
    } else if (fields) {
      for (const name in fields) if (fields[name] !== undefined) this.setHeader(name, fields[name]);
    }
    this.headersSent = true;
    return this;
  }

  flushHeaders(): void {
    this.headersSent = true;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.headersSent = true;
    this.chunks.push(chunk);
    done();
  }

  override _final(done: (error?: Error | null) => void): void {
    this.headersSent = true;
    done();
  }

  private headerValues(): Record<string, string> {
    const values: Record<string, string> = {};
    for (const [name, value] of this.fields) values[name] = Array.isArray(value) ? value.join(', ') : String(value);
    return values;
  }
}

/**
 * A request and its response in memory, for a listener called in process: no socket, no
 * header rendering or parsing on either side. The objects stand in for node's
 * `IncomingMessage` and `ServerResponse` with the members routes use.
 */
export function inMemoryExchange(method: string, url: string, headers: IncomingHttpHeaders, body: Buffer): { req: IncomingMessage; res: ServerResponse; answer: Promise<InMemoryAnswer> } {
  const req = new InMemoryRequest(method, url, headers, body);
  const res = new InMemoryResponse();
  return { req: req as unknown as IncomingMessage, res: res as unknown as ServerResponse, answer: res.answer };
}
