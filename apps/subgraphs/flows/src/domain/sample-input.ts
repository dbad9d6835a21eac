import { ErrorCode, OmnitronError } from '@omnitron/schema';

/**
 * The largest sample input of a flow, as compact JSON (UTF-8 bytes): it is a test run's input,
 * which must fit a request (MAX_BODY_BYTES, 1 MiB by default) beside the draft. @default 256 KiB
 */
export const SAMPLE_INPUT_MAX_BYTES = 262_144;

/** Any JSON value but null, which stands for "no sample input". */
export type SampleInput = string | number | boolean | readonly unknown[] | { readonly [key: string]: unknown };

const utf8 = new TextEncoder();

/**
 * The sample input that JSON text `text` describes, checked: null (none) for null or blank text,
 * VALIDATION_FAILED naming `sampleInput` for text that is not JSON, PAYLOAD_TOO_LARGE past
 * SAMPLE_INPUT_MAX_BYTES (measured as stored: compact JSON, not the text's own spacing).
 */
export function checkSampleInput(text: string | null | undefined, maxBytes: number = SAMPLE_INPUT_MAX_BYTES): SampleInput | null {
  if (text == null || text.trim() === '') return null;
  let value: SampleInput | null;
  try {
    value = JSON.parse(text) as SampleInput | null;
  } catch (error) {
    throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `sampleInput is not JSON: ${(error as Error).message}`, { field: 'sampleInput' });
  }
  const bytes = utf8.encode(JSON.stringify(value)).byteLength;
  if (bytes > maxBytes) throw new OmnitronError(ErrorCode.PAYLOAD_TOO_LARGE, `sampleInput is ${bytes} bytes as JSON; the limit is ${maxBytes}`, { field: 'sampleInput', limitBytes: maxBytes });
  return value;
}
