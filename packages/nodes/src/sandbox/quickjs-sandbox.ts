import {
  newQuickJSWASMModule,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';
import { ErrorCode, NodeError } from '../errors';
import { SandboxConsole, type ConsoleLimits, type LogSink } from './sandbox-console';

export interface SandboxRun {
  /** A function body: `return` gives the result; `input` and `$nodes` are in scope. */
  code: string;
  /** JSON-serialisable values exposed to the code under these names. */
  globals: { input: unknown; $nodes: unknown };
  timeoutMs: number;
  memoryBytes: number;
  signal: AbortSignal;
  /** What `console` may say; see SandboxConsole. */
  logs: ConsoleLimits;
  onLog: LogSink;
}

// Guest recursion also consumes the host's native stack, so QuickJS must give up well before V8 does.
const MAX_STACK_BYTES = 256 * 1024;

let wasmModule: Promise<QuickJSWASMModule> | undefined;

/** The WebAssembly module is loaded once per process; each run gets a fresh runtime. */
function quickJS(): Promise<QuickJSWASMModule> {
  wasmModule ??= newQuickJSWASMModule();
  return wasmModule;
}

/**
 * Frees the run. Should QuickJS abort while freeing (a guest leak it asserts on), the WebAssembly
 * instance is unusable, so the next run loads a fresh one; the abort itself is reported.
 */
function dispose(vm: QuickJSContext, runtime: QuickJSRuntime): void {
  try {
    vm.dispose();
    runtime.dispose();
  } catch (error) {
    wasmModule = undefined;
    throw new NodeError(ErrorCode.CODE_ERROR, `sandbox aborted while cleaning up: ${String(error)}`, { cause: error });
  }
}

/** Values cross the boundary as JSON text only: the code never gets a host object to climb out through. */
function wrap(code: string): string {
  return `(async () => {
  const input = JSON.parse(globalThis.__omnitronInput);
  const $nodes = JSON.parse(globalThis.__omnitronNodes);
  delete globalThis.__omnitronInput;
  delete globalThis.__omnitronNodes;
  const result = await (async () => {
${code}
  })();
  return JSON.stringify(result === undefined ? null : result);
})()`;
}

/**
 * Runs untrusted JavaScript in QuickJS compiled to WebAssembly: no Node APIs, no network, no fs.
 * Wall time is bounded by the interrupt handler, heap by the runtime's memory limit; both end the
 * run with a coded error instead of taking the worker down.
 */
export async function runInSandbox(run: SandboxRun): Promise<unknown> {
  const runtime = (await quickJS()).newRuntime();
  const deadline = Date.now() + run.timeoutMs;
  let timedOut = false;
  runtime.setMemoryLimit(run.memoryBytes);
  runtime.setMaxStackSize(MAX_STACK_BYTES);
  runtime.setInterruptHandler(() => {
    timedOut ||= Date.now() > deadline;
    return timedOut || run.signal.aborted;
  });
  const vm = runtime.newContext();
  const guestConsole = new SandboxConsole(vm, run.logs, run.onLog);
  try {
    installGlobals(vm, run);
    guestConsole.install();
    const text = evaluate(vm, runtime, run.code);
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw classify(error, { timedOut, run });
  } finally {
    try {
      guestConsole.finish();
    } finally {
      dispose(vm, runtime);
    }
  }
}

function evaluate(vm: QuickJSContext, runtime: QuickJSRuntime, code: string): string {
  const promise = takeValue(vm, vm.evalCode(wrap(code), 'code.js'));
  try {
    const jobs = runtime.executePendingJobs();
    if (jobs.error !== undefined) throw sandboxError(vm, jobs.error);
    const state = vm.getPromiseState(promise);
    if (state.type === 'pending') {
      throw new NodeError(ErrorCode.CODE_ERROR, 'code awaited something that never settles', { retryable: false });
    }
    if (state.type === 'rejected') throw sandboxError(vm, state.error);
    const text: unknown = vm.dump(state.value);
    state.value.dispose();
    if (typeof text !== 'string') throw new NodeError(ErrorCode.CODE_INVALID_RESULT, 'code result is not JSON');
    return text;
  } finally {
    promise.dispose();
  }
}

function takeValue(vm: QuickJSContext, result: ReturnType<QuickJSContext['evalCode']>): QuickJSHandle {
  if (result.error !== undefined) throw sandboxError(vm, result.error);
  return result.value;
}

/** What the guest threw, dumped to a plain value so no handle outlives the runtime. */
class GuestError extends Error {
  constructor(readonly guest: unknown) {
    super(describeGuest(guest));
  }
}

function sandboxError(vm: QuickJSContext, handle: QuickJSHandle): GuestError {
  const dumped: unknown = vm.dump(handle);
  handle.dispose();
  return new GuestError(dumped);
}

function describeGuest(guest: unknown): string {
  if (typeof guest === 'object' && guest !== null) {
    const { name, message } = guest as { name?: unknown; message?: unknown };
    if (typeof message === 'string') return typeof name === 'string' ? `${name}: ${message}` : message;
  }
  return String(guest);
}

function classify(error: unknown, state: { timedOut: boolean; run: SandboxRun }): unknown {
  if (state.run.signal.aborted) return state.run.signal.reason;
  if (!(error instanceof GuestError)) return error;
  if (state.timedOut || /\binterrupted\b/.test(error.message)) {
    return new NodeError(ErrorCode.CODE_TIMEOUT, `code ran longer than ${state.run.timeoutMs} ms and was stopped`, {
      retryable: false,
    });
  }
  if (/out of memory|string too long/i.test(error.message)) {
    return new NodeError(
      ErrorCode.CODE_MEMORY_LIMIT,
      `code exceeded its memory limit of ${state.run.memoryBytes} bytes and was stopped`,
      { retryable: false },
    );
  }
  // What the user's code throws is retried when the node asks for retries, as n8n's "retry on fail" does;
  // hitting the sandbox's own limits is not, since the next attempt would hit them again.
  return new NodeError(ErrorCode.CODE_ERROR, `code threw ${error.message}`, { retryable: true });
}

function installGlobals(vm: QuickJSContext, run: SandboxRun): void {
  setGlobalString(vm, '__omnitronInput', JSON.stringify(run.globals.input ?? null));
  setGlobalString(vm, '__omnitronNodes', JSON.stringify(run.globals.$nodes ?? {}));
}

function setGlobalString(vm: QuickJSContext, name: string, value: string): void {
  const handle = vm.newString(value);
  vm.setProp(vm.global, name, handle);
  handle.dispose();
}
