import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue';

const drain = async <T>(queue: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of queue) items.push(item);
  return items;
};

describe('BoundedQueue', () => {
  it('delivers items in order, then ends', async () => {
    const queue = new BoundedQueue<number>(10);
    queue.push(1);
    queue.push(2);
    queue.end();
    expect(await drain(queue)).toEqual([1, 2]);
  });

  it('hands an item straight to a waiting consumer', async () => {
    const queue = new BoundedQueue<number>(1);
    const next = queue.next();
    expect(queue.push(7)).toBe(true);
    expect(await next).toEqual({ value: 7, done: false });
    expect(queue.size).toBe(0);
  });

  it('refuses the push beyond its limit instead of growing', () => {
    const queue = new BoundedQueue<number>(2);
    expect([queue.push(1), queue.push(2), queue.push(3)]).toEqual([true, true, false]);
    expect(queue.size).toBe(2);
  });

  it('delivers what was queued before failing', async () => {
    const queue = new BoundedQueue<number>(10);
    queue.push(1);
    queue.fail(new Error('gone'));
    const items: number[] = [];
    await expect(async () => {
      for await (const item of queue) items.push(item);
    }).rejects.toThrow('gone');
    expect(items).toEqual([1]);
  });

  it('drops queued items on abort and tells the owner once when the consumer returns', async () => {
    let returned = 0;
    const queue = new BoundedQueue<number>(10, () => (returned += 1));
    queue.push(1);
    queue.abort();
    expect(await drain(queue)).toEqual([]);
    const open = new BoundedQueue<number>(10, () => (returned += 1));
    const waiting = open.next();
    await open.return();
    await open.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(returned).toBe(1);
    expect(open.push(2)).toBe(false);
  });
});
