import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';
import { utf8Length, utf8Prefix } from '../logs/utf8';

/** Code units copied out of the guest per step when measuring a long string: bounds the host copy. */
const CHUNK_UNITS = 256 * 1024;

/** Functions taken from the guest before any user code runs, so a script cannot swap them. */
interface Intrinsics {
  readonly slice: QuickJSHandle;
  readonly charCodeAt: QuickJSHandle;
  readonly stringify: QuickJSHandle;
  readonly toText: QuickJSHandle;
}

/** The head of a guest string (at most the bytes asked for) and the UTF-8 size of the whole. */
export interface GuestHead {
  readonly text: string;
  readonly bytes: number;
}

/**
 * Reads guest strings into the host a bounded piece at a time. `vm.dump` / `vm.getString` copy a
 * whole string out of WebAssembly memory, so an 8 MB `console.log` argument would become an 8 MB
 * host string (and more copies) before anything could cut it. Here the guest slices first, the host
 * copies only the head it keeps, and the rest is measured in chunks of CHUNK_UNITS.
 */
export class GuestText {
  private readonly intrinsics: Intrinsics;

  constructor(private readonly vm: QuickJSContext) {
    const proto = vm.getProp(vm.global, 'String').consume((ctor) => vm.getProp(ctor, 'prototype'));
    this.intrinsics = {
      slice: vm.getProp(proto, 'slice'),
      charCodeAt: vm.getProp(proto, 'charCodeAt'),
      stringify: vm.getProp(vm.global, 'JSON').consume((json) => vm.getProp(json, 'stringify')),
      toText: vm.getProp(vm.global, 'String'),
    };
    proto.dispose();
  }

  dispose(): void {
    for (const handle of Object.values(this.intrinsics)) handle.dispose();
  }

  /**
   * A console argument as a guest string (owned by the caller): strings as they are, other values
   * as JSON, else `String(value)`. Undefined when the value cannot be printed (a throwing getter).
   */
  textOf(value: QuickJSHandle): QuickJSHandle | undefined {
    if (this.vm.typeof(value) === 'string') return value.dup();
    const json = this.call(this.intrinsics.stringify, this.vm.undefined, value);
    if (json !== undefined && this.vm.typeof(json) === 'string') return json;
    json?.dispose();
    const text = this.call(this.intrinsics.toText, this.vm.undefined, value);
    if (text !== undefined && this.vm.typeof(text) === 'string') return text;
    text?.dispose();
    return undefined;
  }

  /**
   * At most `maxBytes` of the start of `text`, and the size of all of it, never copying more than
   * the head and then one chunk at a time.
   */
  head(text: QuickJSHandle, maxBytes: number): GuestHead {
    const length = this.length(text);
    // Every code unit is at least one byte, so `maxBytes` units cover the head.
    const end = this.boundary(text, Math.min(length, maxBytes), length);
    const copied = this.read(text, 0, end, length);
    const tail = this.measure(text, end, length);
    if (copied === undefined) return { text: '', bytes: end + tail };
    return { text: utf8Prefix(copied, maxBytes), bytes: utf8Length(copied) + tail };
  }

  /** The UTF-8 size of `text` without keeping any of it. */
  size(text: QuickJSHandle): number {
    return this.measure(text, 0, this.length(text));
  }

  private length(text: QuickJSHandle): number {
    return this.vm.getProp(text, 'length').consume((length) => this.vm.getNumber(length));
  }

  /** UTF-8 bytes of code units [from, length), read chunk by chunk. */
  private measure(text: QuickJSHandle, from: number, length: number): number {
    let bytes = 0;
    for (let start = from; start < length; ) {
      const end = this.boundary(text, Math.min(length, start + CHUNK_UNITS), length);
      const chunk = this.read(text, start, end, length);
      // The guest could not spare the memory for a slice: every unit is at least one byte.
      bytes += chunk === undefined ? end - start : utf8Length(chunk);
      start = end;
    }
    return bytes;
  }

  /** `end`, moved back one unit when it would split a surrogate pair (the host would see two U+FFFD). */
  private boundary(text: QuickJSHandle, end: number, length: number): number {
    if (end <= 0 || end >= length) return end;
    const code = this.numberCall(this.intrinsics.charCodeAt, text, end - 1);
    return code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
  }

  /** Code units [from, to) copied to the host; undefined when the guest could not slice them (out of memory). */
  private read(text: QuickJSHandle, from: number, to: number, length: number): string | undefined {
    if (from === 0 && to === length) return this.vm.getString(text);
    const start = this.vm.newNumber(from);
    const end = this.vm.newNumber(to);
    try {
      return this.call(this.intrinsics.slice, text, start, end)?.consume((part) => this.vm.getString(part));
    } finally {
      start.dispose();
      end.dispose();
    }
  }

  private numberCall(fn: QuickJSHandle, self: QuickJSHandle, arg: number): number {
    const argument = this.vm.newNumber(arg);
    try {
      return this.call(fn, self, argument)?.consume((result) => this.vm.getNumber(result)) ?? Number.NaN;
    } finally {
      argument.dispose();
    }
  }

  /** Calls a guest function; what it throws (a toJSON that throws, out of memory, the interrupt) is dropped. */
  private call(fn: QuickJSHandle, self: QuickJSHandle, ...args: QuickJSHandle[]): QuickJSHandle | undefined {
    const result = this.vm.callFunction(fn, self, ...args);
    if (result.error === undefined) return result.value;
    result.error.dispose();
    return undefined;
  }
}
