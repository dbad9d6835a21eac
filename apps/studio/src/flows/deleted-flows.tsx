import { useMutation, useQuery } from 'urql';
import { DeletedFlowsQuery, RestoreFlowMutation } from '../documents/flows';
import { QueryError } from '../ui/query-error';

/** Deleted flows, each restorable; a failed read or restore is shown, never an empty list. */
export function DeletedFlows({ onRestored }: { onRestored: () => void }) {
  const [{ data, error }, refetch] = useQuery({ query: DeletedFlowsQuery, variables: { first: 50 }, requestPolicy: 'network-only' });
  const [restoring, restore] = useMutation(RestoreFlowMutation);
  const flows = data?.deletedFlows.edges.map((e) => e.node) ?? [];
  const onRestore = async (id: string) => {
    const result = await restore({ id });
    if (!result.data) return;
    refetch({ requestPolicy: 'network-only' });
    onRestored();
  };
  return (
    <details className="deleted-flows" data-testid="deleted-flows">
      <summary>Deleted flows{data ? ` (${flows.length})` : ''}</summary>
      <QueryError error={error} what="The deleted flows could not be loaded" />
      <QueryError error={restoring.error} what="The flow could not be restored" />
      <ul>
        {flows.map((f) => (
          <li key={f.id}>
            {f.name} <button type="button" onClick={() => void onRestore(f.id)} data-testid={`restore-flow-${f.id}`}>Restore</button>
          </li>
        ))}
      </ul>
    </details>
  );
}
