import { useCallback, useEffect, useMemo, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { FlowQuery, NodeTypesQuery } from '../documents/flows';
import { FlowEditor } from '../editor/flow-editor';
import { fromWireGraph } from '../editor/flow-types';
import type { FlowQuery as FlowQueryResult } from '../generated/graphql';
import { errorMessage } from '../graphql/errors';
import { setLeaveGuard } from '../router/location';
import { usePageTitle } from '../app/use-page-title';

type LoadedFlow = NonNullable<FlowQueryResult['flow']>;

/**
 * `/flows/:id`: loads the flow and the node catalog, then opens the editor. The editor is seeded
 * once per explicit (re)load: a later refetch (after a save) must not replace the canvas.
 */
export default function EditorPage({ params }: { params: Record<string, string> }) {
  const id = params.id!;
  const client = useClient();
  const [flowResult] = useQuery({ query: FlowQuery, variables: { id }, requestPolicy: 'network-only' });
  const [typesResult] = useQuery({ query: NodeTypesQuery, requestPolicy: 'cache-first' });
  const [opened, setOpened] = useState<{ generation: number; flow: LoadedFlow }>();
  const loaded = flowResult.data?.flow;
  useEffect(() => {
    if (loaded && opened?.flow.id !== loaded.id) setOpened({ generation: 0, flow: loaded });
  }, [loaded, opened]);
  const reload = useCallback(async () => {
    const result = await client.query(FlowQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
    const flow = result.data?.flow;
    if (!flow) return;
    setLeaveGuard(null);
    setOpened((previous) => ({ generation: (previous?.generation ?? 0) + 1, flow }));
  }, [client, id]);
  const flow = opened?.flow;
  usePageTitle(flow ? `${flow.name} · Flow editor` : undefined);
  const seed = useMemo(
    () => flow && { meta: { name: flow.name, description: flow.description, tags: flow.tags }, version: flow.version, ...fromWireGraph(flow.nodes, flow.edges) },
    [flow],
  );
  const error = flowResult.error ?? typesResult.error;
  if (error) return <p role="alert" className="error">Could not open the flow: {errorMessage(error)}</p>;
  if (flowResult.data && !loaded && !flow) return <p role="alert">This flow does not exist or is not shared with you.</p>;
  if (!seed || !flow || !typesResult.data) return <p className="loading">Loading flow…</p>;
  return (
    <FlowEditor
      key={`${flow.id}#${opened.generation}`}
      flowId={flow.id}
      seed={seed}
      problems={flow.problems}
      nodeTypes={typesResult.data.nodeTypes}
      reload={() => void reload()}
    />
  );
}
