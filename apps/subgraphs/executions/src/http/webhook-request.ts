import { ErrorCode, OmnitronError, type ForwardedWebhookMeta } from '@omnitron/schema';

/** One uploaded file of a multipart/form-data body, its bytes as base64. */
export interface WebhookFile {
  readonly field: string;
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly data: string;
}

/**
 * What a webhook trigger outputs (the run's input): the parsed body beside the raw one.
 * `body` is JSON, an object of form fields (a repeated field becomes an array), text, or null for
 * binary content; `rawBody` is always the bytes as received, base64, whatever the content type.
 */
export interface WebhookInput {
  readonly method: string;
  readonly body: unknown;
  readonly rawBody: string;
  readonly contentType: string | null;
  readonly size: number;
  readonly files: WebhookFile[];
  readonly headers: Record<string, string>;
  readonly query: Record<string, string>;
}

const TEXT_TYPES = /^(text\/|application\/(xml|javascript|x-ndjson|graphql)\b)|\+xml\b/i;

/** Adds a field to a form object; a name given again collects its values in an array. */
function addField(fields: Record<string, unknown>, name: string, value: string): void {
  if (!Object.hasOwn(fields, name)) fields[name] = value;
  else if (Array.isArray(fields[name])) (fields[name] as string[]).push(value);
  else fields[name] = [fields[name] as string, value];
}

/** Decodes a whole body at a time (no `stream` option), so one decoder serves every call. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(raw: Buffer): string | undefined {
  try {
    return UTF8.decode(raw);
  } catch {
    return undefined;
  }
}

async function multipart(raw: Buffer, contentType: string): Promise<{ body: Record<string, unknown>; files: WebhookFile[] }> {
  let form: FormData;
  try {
    form = await new Request('http://webhook.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
  } catch {
    throw new OmnitronError(ErrorCode.VALIDATION_FAILED, 'The multipart/form-data body does not parse', { field: 'body' });
  }
  const body: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const files: WebhookFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') addField(body, field, value);
    else files.push({ field, name: value.name, type: value.type, size: value.size, data: Buffer.from(await value.arrayBuffer()).toString('base64') });
  }
  return { body: { ...body }, files };
}

/** The run's input for a forwarded request: parsed by content type, the bytes kept beside. */
export async function webhookInputOf(meta: ForwardedWebhookMeta, raw: Buffer): Promise<WebhookInput> {
  const contentType = meta.headers['content-type'] ?? null;
  const base = { method: meta.method, rawBody: raw.toString('base64'), contentType, size: raw.length, headers: meta.headers, query: meta.query };
  if (raw.length === 0) return { ...base, body: null, files: [] };
  const type = contentType?.toLowerCase() ?? '';
  if (type.startsWith('multipart/form-data')) return { ...base, ...(await multipart(raw, contentType!)) };
  const text = decodeUtf8(raw);
  if (type.startsWith('application/x-www-form-urlencoded') && text !== undefined) {
    const fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [name, value] of new URLSearchParams(text)) addField(fields, name, value);
    return { ...base, body: { ...fields }, files: [] };
  }
  if ((/\bjson\b|\+json\b/.test(type) || type === '') && text !== undefined) {
    try {
      return { ...base, body: JSON.parse(text) as unknown, files: [] };
    } catch {
      return { ...base, body: text, files: [] };
    }
  }
  // Text types as text; anything else (images, protobuf, octet-stream) only as the raw bytes.
  return { ...base, body: text !== undefined && TEXT_TYPES.test(type) ? text : null, files: [] };
}
