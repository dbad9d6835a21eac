/** One thing a WAITING run waits for, as the API lists it (`Execution.waits`). */
export interface RunWait {
  readonly nodeId: string;
  readonly kind: string;
  readonly until: string;
  readonly event: string | null;
}

const at = (iso: string): string => new Date(iso).toLocaleString();

/** What a WAITING run waits for, in words, one line per parked node (empty for any other run). */
export function waitingFor(waits: readonly RunWait[]): string[] {
  return waits.map((wait) => {
    const node = `node ${wait.nodeId}`;
    switch (wait.kind) {
      case 'time':
        return `${node}: until ${at(wait.until)}`;
      case 'retry':
        return `${node}: its next attempt at ${at(wait.until)}`;
      case 'webhook':
        return `${node}: a call to its resume URL (times out ${at(wait.until)})`;
      case 'approval':
        return `${node}: an answer on its approval page (times out ${at(wait.until)})`;
      case 'event':
        return `${node}: the event "${wait.event ?? ''}" (times out ${at(wait.until)})`;
      default:
        return `${node}: ${wait.kind} until ${at(wait.until)}`;
    }
  });
}
