import type { ExecutionStatus, ExecutionTrigger } from '../generated/graphql';

/** The Executions page's filters as the user set them; dates are local calendar days (`YYYY-MM-DD`). */
export interface ExecutionFilters {
  readonly flowId?: string;
  readonly status?: ExecutionStatus;
  readonly trigger?: ExecutionTrigger;
  readonly fromDay?: string;
  readonly toDay?: string;
}

export const STATUSES: readonly ExecutionStatus[] = ['QUEUED', 'RUNNING', 'WAITING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

export const TRIGGERS: ReadonlyArray<{ value: ExecutionTrigger; label: string }> = [
  { value: 'MANUAL', label: 'by hand or API' },
  { value: 'WEBHOOK', label: 'webhook' },
  { value: 'SCHEDULE', label: 'schedule' },
  { value: 'ERROR_FLOW', label: 'error flow' },
  { value: 'RETRY', label: 'retry' },
  { value: 'TEST', label: 'test of a draft' },
];

export const triggerLabel = (trigger: ExecutionTrigger): string => TRIGGERS.find((t) => t.value === trigger)?.label ?? trigger.toLowerCase();

/** Local midnight of a `YYYY-MM-DD` day, `days` later. */
function dayStart(day: string, days = 0): string | undefined {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d + days).toISOString();
}

/**
 * The list query's variables: `from` is the start of the first day, `to` the start of the day after
 * the last (the server's `to` is exclusive), so "from 3 to 3" is all of day 3.
 */
export function filterVariables(filters: ExecutionFilters) {
  return {
    flowId: filters.flowId,
    status: filters.status,
    trigger: filters.trigger,
    from: filters.fromDay ? dayStart(filters.fromDay) : undefined,
    to: filters.toDay ? dayStart(filters.toDay, 1) : undefined,
  };
}

export const hasFilters = (filters: ExecutionFilters): boolean => Object.values(filters).some((value) => value !== undefined && value !== '');
