import type { OutboundResponse } from '@omnitron/nodes';
import { errorFromThrown } from './http-call';
import { malformed } from './provider-call-error';

export interface ServerSentEvent {
  readonly event: string;
  readonly data: string;
}

/** Splits one event block into its `event:` name and joined `data:` lines (comments ignored). */
export function parseEventBlock(block: string): ServerSentEvent | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? { event, data: data.join('\n') } : undefined;
}

/** Server-sent events of a streaming response, as they arrive. */
export async function* readServerSentEvents(response: OutboundResponse, signal: AbortSignal): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      buffer += decoder.decode(chunk, { stream: true });
      let boundary = buffer.search(/\r?\n\r?\n/);
      while (boundary !== -1) {
        const parsed = parseEventBlock(buffer.slice(0, boundary));
        buffer = buffer.slice(boundary).replace(/^\r?\n\r?\n/, '');
        if (parsed) yield parsed;
        boundary = buffer.search(/\r?\n\r?\n/);
      }
    }
  } catch (error) {
    throw errorFromThrown(error, signal);
  }
  const last = parseEventBlock(buffer + decoder.decode());
  if (last) yield last;
}

/** Parses one event's JSON payload; anything else is MALFORMED_RESPONSE. */
export function eventJson(event: ServerSentEvent): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(event.data);
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  } catch {
    // falls through to the coded error
  }
  throw malformed('EVENT_NOT_JSON');
}
