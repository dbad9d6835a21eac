import type { ServerResponse } from 'node:http';
import { ErrorCode, OmnitronError, httpStatusOf, isErrorCode } from '@omnitron/schema';
import { currentRequestId } from './request-context';

/** The status and GraphQL-shaped body (`{ errors: [...] }`) an error answers with; uncoded errors are INTERNAL. */
export function errorAnswer(error: unknown): { status: number; body: { errors: Array<{ message: string; extensions: Record<string, unknown> }> } } {
  const known = error instanceof OmnitronError ? error : new OmnitronError(ErrorCode.INTERNAL, 'Internal error');
  const code = isErrorCode(known.extensions.code) ? known.extensions.code : ErrorCode.INTERNAL;
  return { status: httpStatusOf[code], body: { errors: [{ message: known.message, extensions: { ...known.extensions, code, traceId: currentRequestId() } }] } };
}

/** Writes a GraphQL-shaped error body (`{ errors: [...] }`) with the status that fits its code. */
export function sendError(res: ServerResponse, error: unknown, headers: Record<string, string> = {}): void {
  const { status, body } = errorAnswer(error);
  sendJson(res, status, body, headers);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
