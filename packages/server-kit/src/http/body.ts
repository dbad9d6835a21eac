import type { IncomingMessage } from 'node:http';
import { ErrorCode, OmnitronError } from '@omnitron/schema';

/** Reads a request body, refusing more than `limit` bytes without buffering the excess. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): OmnitronError {
  return new OmnitronError(ErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than the ${limit} byte limit`, { limitBytes: limit });
}

/** Parses a JSON body into a value, or VALIDATION_FAILED naming the problem. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new OmnitronError(ErrorCode.VALIDATION_FAILED, 'Request body is not valid JSON');
  }
}
