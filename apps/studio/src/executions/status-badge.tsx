/** An execution or node status as a coloured pill. */
export function StatusBadge({ status }: { status: string }) {
  const name = status.toLowerCase();
  return <span className={`badge status-${name}`} data-status={name}>{name}</span>;
}
