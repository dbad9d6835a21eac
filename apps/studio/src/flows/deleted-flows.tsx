import { useMutation, useQuery } from 'urql';
import { DeletedFlowsQuery, RestoreFlowMutation } from '../documents/flows';

/** Deleted flows, each restorable. */
export function DeletedFlows({ onRestored }: { onRestored: () => void }) {
  const [{ data }, refetch] = useQuery({ query: DeletedFlowsQuery, variables: { first: 50 }, requestPolicy: 'network-only' });
  const [, restore] = useMutation(RestoreFlowMutation);
  const flows = data?.deletedFlows.edges.map((e) => e.node) ?? [];
  const onRestore = async (id: string) => {
    const result = await restore({ id });
    if (!result.data) return;
    refetch({ requestPolicy: 'network-only' });
    onRestored();
  };
  return (
    <details className="deleted-flows" data-testid="deleted-flows">
      <summary>Deleted flows ({flows.length})</summary>
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
