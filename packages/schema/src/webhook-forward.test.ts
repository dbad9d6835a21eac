import { describe, expect, it } from 'vitest';
import { decodeForwardedWebhook, encodeForwardedWebhook } from './webhook-forward';

describe('the forwarded webhook frame', () => {
  it('carries method, headers and query beside the body bytes unchanged, newlines and binary included', () => {
    const body = Buffer.from([0x00, 0x0a, 0xff, 0xfe, 0x0a, 0x41]);
    const meta = { method: 'PUT', headers: { 'x-note': 'a\nb', 'content-type': 'application/octet-stream' }, query: { q: 'line\nbreak' } };
    expect(decodeForwardedWebhook(encodeForwardedWebhook(meta, body))).toEqual({ meta, body });
  });

  it('reads nothing from a frame it did not make', () => {
    for (const frame of ['{"body":{}}', 'no newline', '{"method":1,"headers":{},"query":{}}\n', '[1]\nx', '{"method":"GET","headers":{"a":1},"query":{}}\n']) {
      expect(decodeForwardedWebhook(Buffer.from(frame))).toBeUndefined();
    }
  });
});
