import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { edge, eventLog, flowOf, node, trigger } from '../../test-support/flow-builder';

function codeFlow(code: string) {
  return flowOf(
    [trigger(), node('pre', 'transform', { expression: '{"n": $input.n}' }), node('js', 'code', { code })],
    [edge('start', 'pre'), edge('pre', 'js')],
  );
}

const limits = { codeTimeoutMs: 200, codeMemoryBytes: 8 * 1024 * 1024 };

async function runCode(code: string, input: unknown = { n: 2 }) {
  return runFlow(codeFlow(code), input, { limits });
}

describe('code', () => {
  it('gets input and $nodes as JSON and returns JSON', async () => {
    const result = await runCode('return { doubled: input.n * 2, pre: $nodes.pre, list: [1, "a", null] };');
    expect(result.output).toEqual({ doubled: 4, pre: { n: 2 }, list: [1, 'a', null] });
  });

  it('supports await and returns null for undefined', async () => {
    expect((await runCode('await Promise.resolve(1);')).output).toBeNull();
    expect((await runCode('const v = await Promise.resolve(input.n); return v + 1;')).output).toBe(3);
  });

  it('forwards console output as LOG events', async () => {
    const log = eventLog();
    await runFlow(codeFlow('console.log("hello", input.n); return 1;'), { n: 2 }, { limits, onEvent: log.onEvent });
    expect(log.events).toContainEqual({ type: 'LOG', nodeId: 'js', level: 'info', message: 'hello 2' });
  });

  it('reports an exception thrown by the code', async () => {
    const result = await runCode('throw new TypeError("nope")');
    expect(result.error).toMatchObject({ code: 'CODE_ERROR', nodeId: 'js' });
    expect(result.error?.message).toContain('TypeError: nope');
  });

  it('retries an exception thrown by the code when the node asks for retries', async () => {
    const flow = flowOf(
      [trigger(), node('js', 'code', { code: 'throw new Error("flaky")', retry: { maxAttempts: 3, backoff: 'fixed', delayMs: 1 } })],
      [edge('start', 'js')],
    );
    const result = await runFlow(flow, {}, { limits });
    expect(result.nodeRuns.js).toMatchObject({ status: 'FAILED', attempts: 3 });
  });

  it('does not retry code that hit the time limit: the next attempt would hit it again', async () => {
    const flow = flowOf(
      [trigger(), node('js', 'code', { code: 'while (true) {}', retry: { maxAttempts: 3, backoff: 'fixed', delayMs: 1 } })],
      [edge('start', 'js')],
    );
    const result = await runFlow(flow, {}, { limits });
    expect(result.nodeRuns.js).toMatchObject({ status: 'FAILED', attempts: 1, error: { code: 'CODE_TIMEOUT' } });
  });

  it('has no require, process, fetch or other Node APIs', async () => {
    const probe = `return [typeof require, typeof process, typeof globalThis.fetch, typeof setTimeout,
      typeof XMLHttpRequest, typeof Deno, typeof Bun, typeof module, typeof globalThis.__omnitronInput];`;
    expect((await runCode(probe)).output).toEqual(Array(9).fill('undefined'));
    const result = await runCode('return require("fs").readFileSync("/etc/passwd", "utf8")');
    expect(result.error?.code).toBe('CODE_ERROR');
    expect(result.error?.message).toContain('require');
  });

  it('cannot reach the host through the constructor chain', async () => {
    const result = await runCode('return (function(){}).constructor("return typeof process")()');
    expect(result.output).toBe('undefined');
  });

  it('stops an infinite loop with CODE_TIMEOUT and the worker keeps running', async () => {
    const started = Date.now();
    const result = await runCode('while (true) {}');
    expect(result.error).toMatchObject({ code: 'CODE_TIMEOUT', nodeId: 'js' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await runCode('return 1')).output).toBe(1);
  });

  it('stops an infinite loop after an await too', async () => {
    expect((await runCode('await null; for (;;) {}')).error?.code).toBe('CODE_TIMEOUT');
  });

  it('stops a memory bomb with CODE_MEMORY_LIMIT', async () => {
    const bombs = [
      'const a = []; for (let i = 0; ; i++) a.push(i);',
      'return new Array(1e8).fill(0).length;',
      'return "x".repeat(64 * 1024 * 1024).length;',
      'let s = "x"; while (true) s += s;',
    ];
    for (const bomb of bombs) {
      const result = await runFlow(codeFlow(bomb), {}, { limits: { ...limits, codeTimeoutMs: 1_500 } });
      expect(result.error, bomb).toMatchObject({ code: 'CODE_MEMORY_LIMIT', nodeId: 'js' });
    }
    expect((await runCode('return 1')).output).toBe(1);
  });

  it('survives unbounded recursion', async () => {
    const result = await runCode('function f() { return f() + 1 } return f()');
    expect(result.error).toMatchObject({ code: 'CODE_ERROR', nodeId: 'js' });
    expect(result.error?.message).toContain('stack overflow');
    expect((await runCode('return 1')).output).toBe(1);
  });
});
