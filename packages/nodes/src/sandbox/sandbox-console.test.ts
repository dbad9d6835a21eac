import { newQuickJSWASMModule } from 'quickjs-emscripten';
import { describe, expect, it } from 'vitest';
import { runFlow } from '../engine/run-flow';
import { LOG_LINE_OVERHEAD_BYTES } from '../logs/log-budget';
import { utf8Length } from '../logs/utf8';
import { edge, eventLog, flowOf, node, trigger } from '../test-support/flow-builder';
import { GuestText } from './guest-text';

const LINE = 1_024;
const NODE = 16_384;
const limits = { codeTimeoutMs: 5_000, codeMemoryBytes: 64 * 1024 * 1024, logLineMaxBytes: LINE, nodeLogsMaxBytes: NODE };

/** The LOG events of one code node running `code`. */
async function logsOf(code: string, retry?: { maxAttempts: number; backoff: 'fixed'; delayMs: number }) {
  const log = eventLog();
  const flow = flowOf([trigger(), node('js', 'code', { code, ...(retry ? { retry } : {}) })], [edge('start', 'js')]);
  const result = await runFlow(flow, {}, { limits, onEvent: log.onEvent });
  const lines = log.events.flatMap((event) => (event.type === 'LOG' ? [event] : []));
  return { result, lines, stored: lines.reduce((sum, line) => sum + utf8Length(line.message) + LOG_LINE_OVERHEAD_BYTES, 0) };
}

describe('sandbox console', () => {
  it('cuts a line longer than logLineMaxBytes and says how many bytes were cut', async () => {
    const { result, lines } = await logsOf('console.log("x".repeat(1_000_000)); return 1;');
    expect(result.status).toBe('SUCCEEDED');
    const [line] = lines;
    expect(utf8Length(line!.message)).toBeLessThanOrEqual(LINE);
    const kept = /^x+/.exec(line!.message)![0].length;
    expect(line!.message).toBe(`${'x'.repeat(kept)}… [truncated ${(1_000_000 - kept).toLocaleString('en-US')} bytes]`);
  });

  it('counts UTF-8 bytes, not characters, and never splits a character', async () => {
    const { lines } = await logsOf('console.log("é".repeat(100_000)); console.warn("😀".repeat(100_000)); return 1;');
    const [accents, emoji] = lines.map((line) => line.message);
    for (const message of [accents!, emoji!]) expect(utf8Length(message)).toBeLessThanOrEqual(LINE);
    const keptAccents = /^é+/.exec(accents!)![0].length;
    expect(accents).toContain(`[truncated ${(200_000 - 2 * keptAccents).toLocaleString('en-US')} bytes]`);
    const keptEmoji = [...(/^(?:😀)+/u.exec(emoji!)![0])].length;
    expect(emoji).toContain(`[truncated ${(400_000 - 4 * keptEmoji).toLocaleString('en-US')} bytes]`);
    expect(emoji).not.toMatch(/\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('cuts objects and joined arguments the same way', async () => {
    const { lines } = await logsOf('console.info("big:", { text: "y".repeat(50_000) }, 7); return 1;');
    const message = lines[0]!.message;
    expect(message.startsWith('big: {"text":"yyy')).toBe(true);
    expect(utf8Length(message)).toBeLessThanOrEqual(LINE);
    const whole = utf8Length(`big: ${JSON.stringify({ text: 'y'.repeat(50_000) })} 7`);
    const kept = message.indexOf('…');
    expect(message.slice(kept)).toBe(`… [truncated ${(whole - kept).toLocaleString('en-US')} bytes]`);
  });

  it('drops lines past nodeLogsMaxBytes and reports them in one final marker', async () => {
    const { result, lines, stored } = await logsOf('const s = "z".repeat(100_000); for (let i = 0; i < 20; i++) console.log(s); return 1;');
    expect(result.status).toBe('SUCCEEDED');
    expect(stored).toBeLessThanOrEqual(NODE);
    const marker = lines.at(-1)!;
    const kept = lines.length - 1;
    expect(kept).toBeGreaterThan(0);
    expect(marker).toMatchObject({
      level: 'warn',
      message: `[further logs dropped: ${20 - kept} lines, ${((20 - kept) * 100_000).toLocaleString('en-US')} bytes]`,
      data: { dropped: { lines: 20 - kept, bytes: (20 - kept) * 100_000 } },
    });
  });

  it('bounds a flood of tiny lines by their per-line cost', async () => {
    const { lines, stored } = await logsOf('for (let i = 0; i < 10_000; i++) console.log("a"); return 1;');
    expect(stored).toBeLessThanOrEqual(NODE);
    expect(lines.at(-1)!.message).toMatch(/^\[further logs dropped: [\d,]+ lines, [\d,]+ bytes\]$/);
    expect(lines.length).toBeLessThan(NODE / LOG_LINE_OVERHEAD_BYTES);
  });

  it('starts each attempt with a fresh budget and reports drops even when the code throws', async () => {
    const code = 'for (let i = 0; i < 100; i++) console.log("w".repeat(500)); throw new Error("flaky")';
    const { result, lines } = await logsOf(code, { maxAttempts: 2, backoff: 'fixed', delayMs: 1 });
    expect(result.nodeRuns.js).toMatchObject({ status: 'FAILED', attempts: 2 });
    expect(lines.filter((line) => line.message.startsWith('[further logs dropped:'))).toHaveLength(2);
  });

  it('prints what cannot be serialised as a placeholder', async () => {
    const code = 'const bad = { toJSON() { throw 1; }, toString() { throw 2; } }; console.log("v", bad); return 1;';
    const { lines } = await logsOf(code);
    expect(lines[0]!.message).toBe('v [unprintable value]');
  });
});

describe('GuestText', () => {
  it('copies only the head of a huge guest string to the host, the rest in bounded chunks', async () => {
    const vm = (await newQuickJSWASMModule()).newContext();
    const copies: number[] = [];
    const getString = vm.getString.bind(vm);
    vm.getString = (handle) => {
      const text = getString(handle);
      copies.push(text.length);
      return text;
    };
    const text = new GuestText(vm);
    const big = vm.unwrapResult(vm.evalCode('"q".repeat(8_000_000) + "é"'));
    const head = text.head(big, 100);
    expect(head).toEqual({ text: 'q'.repeat(100), bytes: 8_000_002 });
    expect(Math.max(...copies)).toBeLessThanOrEqual(256 * 1024);
    big.dispose();
    text.dispose();
    vm.dispose();
  });
});
