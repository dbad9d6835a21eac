import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliCompress, createGzip, type BrotliOptions, type ZlibOptions } from 'node:zlib';

/** The content codings Omnitron sends, best first. */
export type ContentCoding = 'br' | 'gzip';
const PREFERENCE: readonly ContentCoding[] = ['br', 'gzip'];

/**
 * The coding to answer with for an `Accept-Encoding` header (RFC 9110 §12.5.3), among `offered`:
 * the highest q-value above zero, brotli on a tie; an explicit `;q=0` refuses a coding even when
 * `*` would allow it. Undefined: send the body as it is.
 */
export function negotiateEncoding(acceptEncoding: string | string[] | undefined, offered: readonly ContentCoding[] = PREFERENCE): ContentCoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [token, ...params] = part.toLowerCase().split(';');
    const name = token?.trim();
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  let best: ContentCoding | undefined;
  let bestWeight = 0;
  for (const coding of PREFERENCE) {
    if (!offered.includes(coding)) continue;
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) [best, bestWeight] = [coding, weight];
  }
  return best;
}

/**
 * Dynamic answers are compressed as they are written: brotli at quality 5 and gzip at level 6
 * cost a few milliseconds per megabyte, where brotli's default quality 11 costs a second or more.
 * The build precompresses static files at the highest levels instead.
 */
const brotli: BrotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };
const gzip: ZlibOptions = { level: 6 };

export interface CompressibleAnswer {
  readonly status: number;
  /** Headers of the answer (content-type among them); content-length is set here. */
  readonly headers: Iterable<[string, string]> | Record<string, string>;
  readonly body: string | Buffer;
}

/**
 * Writes `answer`, compressed with the coding the client accepts when the body is at least
 * `minBytes` long, streamed through node:zlib. Every answer that could have been compressed says
 * `Vary: Accept-Encoding`, so a shared cache never hands a compressed body to a client that
 * cannot read it.
 */
export async function sendCompressible(req: IncomingMessage, res: ServerResponse, answer: CompressibleAnswer, minBytes: number): Promise<void> {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
  const entries = Symbol.iterator in answer.headers ? [...(answer.headers as Iterable<[string, string]>)] : Object.entries(answer.headers);
  for (const [key, value] of entries) res.setHeader(key, value);
  res.statusCode = answer.status;
  const coding = body.length >= minBytes && !res.hasHeader('content-encoding') ? negotiateEncoding(req.headers['accept-encoding']) : undefined;
  if (body.length >= minBytes) res.setHeader('vary', varyWith(res.getHeader('vary')));
  if (!coding) {
    res.setHeader('content-length', body.length);
    res.end(body);
    return;
  }
  res.removeHeader('content-length');
  res.setHeader('content-encoding', coding);
  const compressor = coding === 'br' ? createBrotliCompress({ ...brotli, params: { ...brotli.params, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }) : createGzip(gzip);
  await pipeline(Readable.from([body]), compressor, res);
}

/** `Vary` with `Accept-Encoding` added once to what the answer already varies on. */
export function varyWith(current: number | string | string[] | undefined): string {
  const names = (Array.isArray(current) ? current.join(',') : String(current ?? '')).split(',').map((n) => n.trim()).filter(Boolean);
  return names.some((n) => n.toLowerCase() === 'accept-encoding' || n === '*') ? names.join(', ') : [...names, 'Accept-Encoding'].join(', ');
}
