import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten';
import { fitLine, lineCost, LogBudget } from '../logs/log-budget';
import { utf8Length } from '../logs/utf8';
import type { LogLevel } from '../types';
import { GuestText } from './guest-text';

/** How much a run's console may say. */
export interface ConsoleLimits {
  /** Longest line handed to the host, in UTF-8 bytes (truncation marker included). */
  readonly lineMaxBytes: number;
  /** All lines of one run together, in UTF-8 bytes plus LOG_LINE_OVERHEAD_BYTES per line (final marker included). */
  readonly maxBytes: number;
}

export type LogSink = (level: LogLevel, message: string, data?: unknown) => void;

const LEVELS = ['debug', 'info', 'warn', 'error', 'log'] as const;
const UNPRINTABLE = '[unprintable value]';

/**
 * The guest's `console`, bounded in bytes where the text is made. A line is cut inside the guest
 * (only its head is copied out, the rest measured) and ends in "… [truncated N bytes]"; once the
 * run's lines reach `maxBytes`, every further line is dropped and `finish()` reports them in one
 * "[further logs dropped: N lines, M bytes]" line whose data carries the counts.
 */
export class SandboxConsole {
  private readonly text: GuestText;
  private readonly budget: LogBudget;

  /** Must be created before any user code runs: it takes the guest functions it relies on then. */
  constructor(
    private readonly vm: QuickJSContext,
    private readonly limits: ConsoleLimits,
    private readonly sink: LogSink,
  ) {
    this.text = new GuestText(vm);
    this.budget = new LogBudget(limits.maxBytes);
  }

  /** Sets `globalThis.console` with debug, info, warn, error and log. */
  install(): void {
    const { vm } = this;
    const console = vm.newObject();
    for (const level of LEVELS) {
      const log = vm.newFunction(level, (...args) => {
        this.write(level === 'log' ? 'info' : level, args);
      });
      vm.setProp(console, level, log);
      log.dispose();
    }
    vm.setProp(vm.global, 'console', console);
    console.dispose();
  }

  /** Reports what was dropped, if anything; call once, after the code ran, before the context is freed. */
  finish(): void {
    const marker = this.budget.takeMarker();
    this.text.dispose();
    if (marker) this.sink('warn', marker.text, marker.data);
  }

  private write(level: LogLevel, args: QuickJSHandle[]): void {
    const line = this.budget.fits(lineCost(0)) ? this.format(args) : { text: '', bytes: this.measure(args) };
    const text = fitLine(line.text, this.limits.lineMaxBytes, line.bytes);
    const cost = lineCost(utf8Length(text));
    if (!this.budget.fits(cost)) {
      this.budget.drop(1, line.bytes);
      return;
    }
    this.budget.charge(cost);
    this.sink(level, text);
  }

  /** The arguments joined by spaces: the head that may be kept, and the size of the whole line. */
  private format(args: QuickJSHandle[]): { text: string; bytes: number } {
    const max = this.limits.lineMaxBytes;
    let text = '';
    let kept = 0;
    let bytes = 0;
    args.forEach((arg, index) => {
      if (index > 0) {
        bytes += 1;
        if (kept < max) {
          text += ' ';
          kept += 1;
        }
      }
      const part = this.head(arg, max - kept);
      text += part.text;
      kept += utf8Length(part.text);
      bytes += part.bytes;
    });
    return { text, bytes };
  }

  /** The size of a line that will not be kept. */
  private measure(args: QuickJSHandle[]): number {
    return args.reduce((bytes, arg, index) => {
      const text = this.text.textOf(arg);
      const size = text === undefined ? UNPRINTABLE.length : text.consume((handle) => this.text.size(handle));
      return bytes + (index > 0 ? 1 : 0) + size;
    }, 0);
  }

  private head(arg: QuickJSHandle, maxBytes: number): { text: string; bytes: number } {
    const text = this.text.textOf(arg);
    if (text === undefined) return { text: UNPRINTABLE.slice(0, Math.max(0, maxBytes)), bytes: UNPRINTABLE.length };
    return text.consume((handle) => this.text.head(handle, Math.max(0, maxBytes)));
  }
}
