import { useCallback, useMemo } from 'react';
import { useQuery } from 'urql';
import { FlowQuery, NodeTypesQuery } from '../documents/flows';
import { FlowEditor } from '../editor/flow-editor';
import { fromWireGraph } from '../editor/flow-types';
import { setLeaveGuard } from '../router/location';
import { errorMessage } from '../graphql/errors';

/** `/flows/:id`: loads the flow and the node catalog, then opens the editor. */
export default function EditorPage({ params }: { params: Record<string, string> }) {
  const id = params.id!;
  const [flowResult, refetchFlow] = useQuery({ query: FlowQuery, variables: { id }, requestPolicy: 'network-only' });
  const [typesResult] = useQuery({ query: NodeTypesQuery, requestPolicy: 'cache-first' });
  const flow = flowResult.data?.flow;
  const seed = useMemo(
    () => flow && { meta: { name: flow.name, description: flow.description, tags: flow.tags }, version: flow.version, ...fromWireGraph(flow.nodes, flow.edges) },
    [flow],
  );
  const reload = useCallback(() => {
    setLeaveGuard(null);
    refetchFlow({ requestPolicy: 'network-only' });
  }, [refetchFlow]);
  const error = flowResult.error ?? typesResult.error;
  if (error) return <p role="alert" className="error">Could not open the flow: {errorMessage(error)}</p>;
  if (flowResult.data && !flow) return <p role="alert">This flow does not exist or is not shared with you.</p>;
  if (!seed || !flow || !typesResult.data) return <p className="loading">Loading flow…</p>;
  return <FlowEditor key={`${flow.id}@${flow.version}`} flowId={flow.id} seed={seed} problems={flow.problems} nodeTypes={typesResult.data.nodeTypes} reload={reload} />;
}
