import type { ServerResponse } from 'node:http';
import { ErrorCode, OmnitronError, httpStatusOf, isErrorCode } from '@omnitron/schema';
import { currentRequestId } from './request-context';

/** Writes a GraphQL-shaped error body (`{ errors: [...] }`) with the status that fits its code. */
export function sendError(res: ServerResponse, error: unknown, headers: Record<string, string> = {}): void {
  const known = error instanceof OmnitronError ? error : new OmnitronError(ErrorCode.INTERNAL, 'Internal error');
  const code = isErrorCode(known.extensions.code) ? known.extensions.code : ErrorCode.INTERNAL;
  sendJson(res, httpStatusOf[code], {
    errors: [{ message: known.message, extensions: { ...known.extensions, code, traceId: currentRequestId() } }],
  }, headers);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
