import { useQuery } from 'urql';
import { ExecutionFlowOptionsQuery } from '../documents/execution-list';
import type { ExecutionStatus, ExecutionTrigger } from '../generated/graphql';
import { hasFilters, STATUSES, TRIGGERS, type ExecutionFilters } from './execution-filters';

interface ExecutionFilterBarProps {
  readonly filters: ExecutionFilters;
  readonly onChange: (filters: ExecutionFilters) => void;
}

/** Flow, status, trigger and date range of the runs listed; the server filters. */
export function ExecutionFilterBar({ filters, onChange }: ExecutionFilterBarProps) {
  const [{ data }] = useQuery({ query: ExecutionFlowOptionsQuery });
  const flows = data?.flows.edges.map((e) => e.node) ?? [];
  const set = (patch: Partial<ExecutionFilters>) => onChange({ ...filters, ...patch });
  const knownFlow = !filters.flowId || flows.some((flow) => flow.id === filters.flowId);
  return (
    <div className="inline-form execution-filters" role="search" aria-label="Filter runs">
      <label>
        Flow{' '}
        <select value={filters.flowId ?? ''} onChange={(e) => set({ flowId: e.target.value || undefined })} data-testid="execution-flow-filter">
          <option value="">any</option>
          {!knownFlow && <option value={filters.flowId}>this flow</option>}
          {flows.map((flow) => <option key={flow.id} value={flow.id}>{flow.name}</option>)}
        </select>
      </label>
      <label>
        Status{' '}
        <select value={filters.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as ExecutionStatus | undefined })} data-testid="execution-status-filter">
          <option value="">any</option>
          {STATUSES.map((s) => <option key={s} value={s}>{s.toLowerCase()}</option>)}
        </select>
      </label>
      <label>
        Trigger{' '}
        <select value={filters.trigger ?? ''} onChange={(e) => set({ trigger: (e.target.value || undefined) as ExecutionTrigger | undefined })} data-testid="execution-trigger-filter">
          <option value="">any</option>
          {TRIGGERS.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
        </select>
      </label>
      <label>
        From{' '}
        <input type="date" value={filters.fromDay ?? ''} max={filters.toDay} onChange={(e) => set({ fromDay: e.target.value || undefined })} data-testid="execution-from-filter" />
      </label>
      <label>
        To{' '}
        <input type="date" value={filters.toDay ?? ''} min={filters.fromDay} onChange={(e) => set({ toDay: e.target.value || undefined })} data-testid="execution-to-filter" />
      </label>
      {hasFilters(filters) && <button type="button" onClick={() => onChange({})} data-testid="execution-clear-filters">Clear filters</button>}
    </div>
  );
}
