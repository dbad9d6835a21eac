/**
 * An execution or node status as a coloured pill. `detail` says more on hover (for a WAITING run,
 * what it waits for).
 */
export function StatusBadge({ status, detail }: { status: string; detail?: string }) {
  const name = status.toLowerCase();
  return (
    <span className={`badge status-${name}`} data-status={name} {...(detail ? { title: detail } : {})}>
      {name}
    </span>
  );
}
