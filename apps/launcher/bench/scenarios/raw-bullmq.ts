import { Queue, Worker } from 'bullmq';
import { runClients, withTimeout, type LoadResult } from '../load';
import type { CpuMeter } from '../process-cpu';

export interface RawBullmqOptions {
  readonly redisUrl: string;
  /** A throwaway BullMQ prefix, obliterated afterwards. */
  readonly prefix: string;
  readonly jobs: number;
  readonly producers: number;
  /** Mirrors the platform: WORKERS workers of WORKER_CONCURRENCY each. */
  readonly workers: number;
  readonly concurrency: number;
  readonly maxMs: number;
  readonly meter?: CpuMeter;
}

/**
 * The floor under every run: empty BullMQ jobs, add -> completed, in this process. Each producer
 * adds a job and waits for its completion, exactly as a client of startExecution waits for its run.
 */
export async function measureRawBullmq(options: RawBullmqOptions): Promise<LoadResult> {
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue('raw-bench', { connection, prefix: options.prefix });
  const waiting = new Map<string, () => void>();
  const workers = Array.from(
    { length: options.workers },
    () => new Worker('raw-bench', async () => undefined, { connection, prefix: options.prefix, concurrency: options.concurrency }),
  );
  for (const worker of workers) worker.on('completed', (job) => waiting.get(job.id!)?.());
  try {
    await Promise.all(workers.map((w) => w.waitUntilReady()));
    return await runClients({ clients: options.producers, total: options.jobs, maxMs: options.maxMs, meter: options.meter }, async (index) => {
      const jobId = `raw-${index}`;
      const done = new Promise<void>((resolve) => waiting.set(jobId, resolve));
      await queue.add('empty', {}, { jobId, removeOnComplete: true });
      try {
        await withTimeout(done, 30_000, `raw job ${jobId}`);
      } finally {
        waiting.delete(jobId);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await queue.obliterate({ force: true });
    await queue.close();
  }
}
