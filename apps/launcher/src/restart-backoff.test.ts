import { describe, expect, it } from 'vitest';
import { RestartBackoff } from './restart-backoff';

const delays = (backoff: RestartBackoff, uptimes: number[]) => uptimes.map((uptime) => backoff.next(uptime).delayMs);

describe('restart back-off', () => {
  it('waits 0.5 s before the first restart and doubles the wait at each death in a row', () => {
    expect(delays(new RestartBackoff(), [1_000, 1_000, 1_000, 1_000, 1_000])).toEqual([500, 1_000, 2_000, 4_000, 8_000]);
  });

  it('never waits longer than the cap', () => {
    const backoff = new RestartBackoff({ initialDelayMs: 10_000, maxDelayMs: 30_000, burst: 100 });
    expect(delays(backoff, [0, 0, 0, 0, 0])).toEqual([10_000, 20_000, 30_000, 30_000, 30_000]);
  });

  it('starts over once the process stayed up long enough', () => {
    const backoff = new RestartBackoff({ stableAfterMs: 60_000 });
    expect(delays(backoff, [1_000, 1_000, 1_000])).toEqual([500, 1_000, 2_000]);
    expect(backoff.next(60_000)).toEqual({ attempt: 1, delayMs: 500, crashLooping: false });
    expect(backoff.next(59_999)).toEqual({ attempt: 2, delayMs: 1_000, crashLooping: false });
  });

  it('past the burst calls the process crash-looping and keeps retrying at the cap, never giving up', () => {
    const backoff = new RestartBackoff({ initialDelayMs: 500, maxDelayMs: 30_000, burst: 3 });
    const decisions = [0, 0, 0, 0, 0, 0, 0, 0].map((uptime) => backoff.next(uptime));
    expect(decisions.map((d) => d.crashLooping)).toEqual([false, false, false, true, true, true, true, true]);
    expect(decisions.map((d) => d.delayMs)).toEqual([500, 1_000, 2_000, 30_000, 30_000, 30_000, 30_000, 30_000]);
    expect(decisions.at(-1)!.attempt).toBe(8);
    // Staying up long enough ends the crash loop.
    expect(backoff.next(60_000)).toEqual({ attempt: 1, delayMs: 500, crashLooping: false });
  });

  it('keeps the cap for a process that died thousands of times (no overflow to Infinity or NaN)', () => {
    const backoff = new RestartBackoff({ burst: 10_000 });
    let last = 0;
    for (let i = 0; i < 5_000; i++) last = backoff.next(0).delayMs;
    expect(last).toBe(30_000);
  });
});
