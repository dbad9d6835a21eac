import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ErrorCode, NodeError } from '../errors';
import { raceAbort } from './attempt';

const later = <T>(value: T, ms = 1) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('raceAbort', () => {
  it('settles with the work, leaving no abort listener behind however many races a signal has had', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 50; i++) expect(await raceAbort(later(i), controller.signal)).toBe(i);
    await expect(raceAbort(Promise.reject(new Error('failed')), controller.signal)).rejects.toThrow('failed');
    // One shared listener at most, not one per race.
    expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1);
  });

  it('rejects every race still running on the signal with its reason when it aborts, and none that settled', async () => {
    const controller = new AbortController();
    const settled = await raceAbort(later('done'), controller.signal);
    const never = new Promise<never>(() => {});
    const running = [raceAbort(never, controller.signal), raceAbort(never, controller.signal), raceAbort(later('late', 50), controller.signal)];
    const reason = new NodeError(ErrorCode.TIMEOUT, 'timed out');
    controller.abort(reason);
    for (const race of running) await expect(race).rejects.toBe(reason);
    expect(settled).toBe('done');
    // A race on an aborted signal rejects at once, as a CANCELLED NodeError when the reason is not one.
    const other = new AbortController();
    other.abort('stop');
    await expect(raceAbort(later(1), other.signal)).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
  });

  it('keeps the signals of different runs apart', async () => {
    const first = new AbortController();
    const second = new AbortController();
    const onFirst = raceAbort(new Promise<never>(() => {}), first.signal);
    const onSecond = raceAbort(later('second', 20), second.signal);
    first.abort(new NodeError(ErrorCode.CANCELLED, 'cancelled'));
    await expect(onFirst).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    expect(await onSecond).toBe('second');
  });
});
