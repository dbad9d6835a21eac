import { describe, expect, it } from 'vitest';
import { GroupCommit, ItemFailed } from './group-commit';

/** A write that records each batch it was given and finishes when the test releases it. */
function gatedWrites() {
  const batches: number[][] = [];
  const releases: Array<() => void> = [];
  const write = (items: readonly number[]) => {
    batches.push([...items]);
    return new Promise<Array<number | ItemFailed>>((resolve) => {
      releases.push(() => resolve(items.map((item) => (item < 0 ? new ItemFailed(new Error(`bad ${item}`)) : item * 10))));
    });
  };
  const releaseNext = async () => {
    while (releases.length === 0) await new Promise((resolve) => setImmediate(resolve));
    releases.shift()!();
  };
  return { batches, write, releaseNext };
}

describe('GroupCommit', () => {
  it('writes the first item at once and the items that came meanwhile together, each getting its own result', async () => {
    const gate = gatedWrites();
    const queue = new GroupCommit(gate.write, () => 64);
    const first = queue.push(1);
    const later = [queue.push(2), queue.push(3), queue.push(4)];
    expect(queue.backlog).toBe(3);
    await gate.releaseNext();
    expect(await first).toBe(10);
    await gate.releaseNext();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
    expect(gate.batches).toEqual([[1], [2, 3, 4]]);
    expect(queue.backlog).toBe(0);
  });

  it('holds at most batchMax items per write', async () => {
    const gate = gatedWrites();
    const queue = new GroupCommit(gate.write, () => 2);
    const all = [1, 2, 3, 4, 5].map((item) => queue.push(item));
    for (let i = 0; i < 3; i++) await gate.releaseNext();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
    expect(gate.batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('rejects only the item a write reports as failed, and every item of a write that throws', async () => {
    const gate = gatedWrites();
    const queue = new GroupCommit(gate.write, () => 64);
    const blocker = queue.push(0);
    const good = queue.push(7);
    const bad = queue.push(-1);
    await gate.releaseNext();
    await gate.releaseNext();
    await blocker;
    expect(await good).toBe(70);
    await expect(bad).rejects.toThrow('bad -1');

    let calls = 0;
    const broken = new GroupCommit<number, number>(async () => {
      calls++;
      throw new Error('connection lost');
    }, () => 64);
    const results = await Promise.allSettled([broken.push(1), broken.push(2)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(2);
    // The queue keeps working after a failed write.
    await expect(broken.push(3)).rejects.toThrow('connection lost');
  });

  it('flush waits for every item pushed so far', async () => {
    const gate = gatedWrites();
    const queue = new GroupCommit(gate.write, () => 64);
    const done: number[] = [];
    for (const item of [1, 2, 3]) void queue.push(item).then((result) => done.push(result));
    const flushed = queue.flush().then(() => [...done]);
    await gate.releaseNext();
    await gate.releaseNext();
    expect(await flushed).toEqual([10, 20, 30]);
  });
});
