import type { RestartDecision } from './restart-backoff';
import type { ProcessExit, SupervisorListener } from './supervisor';

/** "exit code 1" / "signal SIGKILL", with the pid and how long it ran. */
export function describeExit(exit: ProcessExit): string {
  const how = exit.signal ? `signal ${exit.signal}` : exit.code === null ? 'could not be started' : `exit code ${exit.code}`;
  return `${how}, pid ${exit.pid ?? 'none'}, up ${seconds(exit.uptimeMs)}`;
}

/** The dead process's own last lines, indented under the message that names it. */
export function lastLinesBlock(exit: ProcessExit): string {
  if (exit.lastLines.length === 0) return `  (nothing in ${exit.logFile})`;
  const heading = exit.lastLines.length === 1 ? 'Last line' : `Last ${exit.lastLines.length} lines`;
  return [`  ${heading} of ${exit.logFile}:`, ...exit.lastLines.map((line) => `  | ${line}`)].join('\n');
}

export function deathMessage(exit: ProcessExit, restart: RestartDecision): string {
  const lines = [`${stamp()} ${exit.name} died (${describeExit(exit)}); restarting it in ${seconds(restart.delayMs)} (restart ${restart.attempt} in a row).`];
  if (restart.crashLooping) {
    lines.push(
      `${stamp()} ${exit.name} IS CRASH-LOOPING: it died ${restart.attempt} times in a row without staying up. ` +
        `It is retried every ${seconds(restart.delayMs)} until it stays up; the platform is degraded until then (see /health/ready).`,
    );
  }
  lines.push(lastLinesBlock(exit));
  return lines.join('\n');
}

/** Prints what the supervisor reports; `startFailed` is the launcher's to decide (it stops the platform). */
export function printingListener(startFailed: (exit: ProcessExit) => void): SupervisorListener {
  return {
    startFailed,
    exited: (exit, restart) => console.error(deathMessage(exit, restart)),
    restarted: (name, pid) => console.log(`${stamp()} ${name} restarted (pid ${pid ?? 'none'})`),
    readyAgain: (name, pid) => console.log(`${stamp()} ${name} is ready again (pid ${pid ?? 'none'})`),
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const stamp = (): string => new Date().toISOString();
