import { useDeferredValue, useState } from 'react';
import { useQuery } from 'urql';
import { FlowsQuery } from '../documents/flows';
import { DeletedFlows } from '../flows/deleted-flows';
import { FlowRow } from '../flows/flow-row';
import { FlowSearchResults } from '../flows/flow-search-results';
import { ImportFlowButton } from '../flows/import-flow-button';
import { NewFlowButton } from '../flows/new-flow-button';
import { NoFlowsYet } from '../flows/no-flows-yet';
import { TemplatePicker } from '../flows/template-picker';
import type { FlowTriggerType } from '../generated/graphql';
import { QueryError } from '../ui/query-error';

const PAGE = 50;

/** `/flows`: search, filter by tag, trigger type and activation, create (empty, from a template, by import), export, delete, restore. */
export default function FlowListPage() {
  const [search, setSearch] = useState('');
  const [tag, setTag] = useState<string>();
  const [active, setActive] = useState<boolean>();
  const [triggerType, setTriggerType] = useState<FlowTriggerType>();
  const [byMeaning, setByMeaning] = useState(false);
  /** Bumped by each delete so the deleted-flows list (remounted by key) reads the server again. */
  const [deletions, setDeletions] = useState(0);
  const [after, setAfter] = useState<string>();
  const deferredSearch = useDeferredValue(search);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: FlowsQuery,
    variables: { first: PAGE, after, search: deferredSearch || undefined, tag, active, triggerType },
    requestPolicy: 'cache-and-network',
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const flows = data?.flows.edges.map((e) => e.node) ?? [];
  const filtered = search !== '' || tag !== undefined || active !== undefined || triggerType !== undefined;
  const clearFilters = () => {
    setSearch('');
    setTag(undefined);
    setActive(undefined);
    setTriggerType(undefined);
    setAfter(undefined);
  };
  return (
    <section className="page" aria-labelledby="flows-title">
      <header className="page-header">
        <h1 id="flows-title">Flows</h1>
        <NewFlowButton />
        <TemplatePicker />
        <ImportFlowButton />
      </header>
      <div className="filters">
        <input type="search" placeholder="Search flows" aria-label="Search flows" value={search} onChange={(e) => { setSearch(e.target.value); setAfter(undefined); }} data-testid="flow-search" />
        <label className="check"><input type="checkbox" checked={byMeaning} onChange={(e) => setByMeaning(e.target.checked)} data-testid="search-by-meaning" /> by meaning</label>
        <select aria-label="Trigger type" value={triggerType ?? ''} onChange={(e) => { setTriggerType((e.target.value || undefined) as FlowTriggerType | undefined); setAfter(undefined); }} data-testid="trigger-type-filter">
          <option value="">Any trigger</option>
          <option value="WEBHOOK">Webhook</option>
          <option value="SCHEDULE">Schedule</option>
          <option value="MANUAL">Manual</option>
        </select>
        <select aria-label="Activation" value={active === undefined ? '' : String(active)} onChange={(e) => { setActive(e.target.value === '' ? undefined : e.target.value === 'true'); setAfter(undefined); }} data-testid="active-filter">
          <option value="">Active or not</option>
          <option value="true">Active</option>
          <option value="false">Inactive</option>
        </select>
        {tag && <button type="button" className="chip" onClick={() => setTag(undefined)} data-testid="clear-tag">tag: {tag} ✕</button>}
      </div>
      <QueryError error={error} what="The flows could not be loaded" />
      {byMeaning && deferredSearch && <FlowSearchResults query={deferredSearch} />}
      <table className="table" data-testid="flow-list" aria-busy={fetching}>
        <thead><tr><th>Name</th><th>Tags</th><th>Triggers</th><th>State</th><th>Version</th><th>Updated</th><th><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {flows.map((flow) => <FlowRow key={flow.id} flow={flow} onTag={(t) => { setTag(t); setAfter(undefined); }} onDeleted={() => { reload(); setDeletions((n) => n + 1); }} onActivation={reload} />)}
        </tbody>
      </table>
      {data && !fetching && flows.length === 0 && (filtered ? (
        <p className="muted" data-testid="flow-list-empty">
          No flows match {search ? `“${search}”` : 'these filters'}.{' '}
          <button type="button" onClick={clearFilters} data-testid="clear-flow-filters">Clear {search ? 'search' : 'filters'}</button>
        </p>
      ) : (
        <NoFlowsYet />
      ))}
      {data?.flows.pageInfo.hasNextPage && <button type="button" onClick={() => setAfter(data.flows.pageInfo.endCursor ?? undefined)}>Next page</button>}
      <DeletedFlows key={deletions} onRestored={reload} />
    </section>
  );
}
