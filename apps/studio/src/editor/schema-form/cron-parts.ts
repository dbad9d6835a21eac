/** Common patterns, so a schedule needs no cron syntax to start with. */
export const CRON_PRESETS: ReadonlyArray<readonly [label: string, cron: string]> = [
  ['Every minute', '* * * * *'],
  ['Every 15 minutes', '*/15 * * * *'],
  ['Every hour', '0 * * * *'],
  ['Every day at 09:00', '0 9 * * *'],
  ['Weekdays at 09:00', '0 9 * * 1-5'],
  ['Mondays at 09:00', '0 9 * * 1'],
  ['First of the month at 00:00', '0 0 1 * *'],
];

/** The five parts of a pattern, in order, with what each accepts; a sixth (seconds) may come first. */
export const CRON_PARTS = [
  { name: 'minute', label: 'Minute', hint: '0-59' },
  { name: 'hour', label: 'Hour', hint: '0-23' },
  { name: 'day', label: 'Day of month', hint: '1-31' },
  { name: 'month', label: 'Month', hint: '1-12' },
  { name: 'weekday', label: 'Day of week', hint: '0-6, Sunday = 0' },
] as const;

export const SECONDS_PART = { name: 'second', label: 'Second', hint: '0-59' } as const;

/** A pattern's parts: five, or six with seconds first; a pattern being typed is padded with `*`. */
export function cronParts(pattern: string): string[] {
  const parts = pattern.trim() === '' ? [] : pattern.trim().split(/\s+/);
  const size = parts.length >= 6 ? 6 : 5;
  return Array.from({ length: size }, (_, index) => parts[index] ?? '*');
}

/** The pattern with one part replaced; an emptied part becomes `*`. */
export function withCronPart(pattern: string, index: number, part: string): string {
  const parts = cronParts(pattern);
  parts[index] = part.trim() === '' ? '*' : part.trim().replace(/\s+/g, '');
  return parts.join(' ');
}

/** With seconds added (`0` first) or removed. */
export function withSeconds(pattern: string, on: boolean): string {
  const parts = cronParts(pattern);
  if (on === (parts.length === 6)) return parts.join(' ');
  return (on ? ['0', ...parts] : parts.slice(1)).join(' ');
}
