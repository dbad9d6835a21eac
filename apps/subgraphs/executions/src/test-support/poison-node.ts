import { getNodeDefinition } from '@omnitron/nodes';

/**
 * A `delay` node of exactly this many ms is poison in a process that called `installPoisonDelay`:
 * 300 ms into the node the process kills itself with SIGKILL, as the kernel's OOM killer or a
 * native crash in a node would end it. Any other `delay` waits as usual.
 */
export const POISON_DELAY_MS = 4_242_424;

/** Turns `delay` nodes of POISON_DELAY_MS into process killers, in this process only. */
export function installPoisonDelay(): void {
  const delay = getNodeDefinition('delay')!;
  const wait = delay.execute.bind(delay);
  delay.execute = (ctx) => {
    if ((ctx.config as { ms?: number }).ms !== POISON_DELAY_MS) return wait(ctx);
    setTimeout(() => process.kill(process.pid, 'SIGKILL'), 300);
    return new Promise(() => undefined);
  };
}
