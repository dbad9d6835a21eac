import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ConfigPanel } from '../editor/config-panel';
import { createEditorCommands } from '../editor/editor-commands';
import { EditorContext, useEditor, useEditorContext, type EditorContextValue } from '../editor/editor-context';
import { createEditorStore, type EditorStore } from '../editor/editor-state';
import { FlowCanvas } from '../editor/flow-canvas';
import { fromWireGraph, type NodeTypeInfo } from '../editor/flow-types';
import type { ExecutionStatus } from '../generated/graphql';
import { failedNodeId, isTerminal, runFromNodeRuns } from '../run/run-state';
import { useCanvasRun } from '../run/use-canvas-run';
import { useExecutionEvents } from '../run/use-execution-events';
import { ReplaySlider } from './replay-slider';

interface ExecutionCanvasProps {
  readonly executionId: string;
  /** The stored outcome, shown until (or if no longer) the event stream can replay the run. */
  readonly stored: { status: ExecutionStatus; nodeRuns: Parameters<typeof runFromNodeRuns>[2] };
  readonly flow: { name: string; nodes: unknown; edges: unknown };
  readonly nodeTypes: readonly NodeTypeInfo[];
}

/** A run on a read-only canvas: live while it runs, then replayable event by event. */
export function ExecutionCanvas({ executionId, stored, flow, nodeTypes }: ExecutionCanvasProps) {
  const context = useMemo<EditorContextValue>(() => {
    const types = new Map(nodeTypes.map((t) => [t.type, t]));
    const store = createEditorStore({ meta: { name: flow.name, description: '', tags: [] }, version: 0, ...fromWireGraph(flow.nodes, flow.edges) }, types);
    return { store, commands: createEditorCommands(store), nodeTypes: types, readOnly: true };
  }, [flow, nodeTypes]);
  return (
    <EditorContext value={context}>
      <ReactFlowProvider>
        <ExecutionReplay executionId={executionId} {...stored} />
      </ReactFlowProvider>
    </EditorContext>
  );
}

function ExecutionReplay({ executionId, status, nodeRuns }: { executionId: string } & ExecutionCanvasProps['stored']) {
  const { events, error } = useExecutionEvents(executionId);
  const [position, setPosition] = useState<number>();
  useCanvasRun(executionId, events, position);
  const { store } = useEditorContext();
  const replayable = events.length > 0;
  useEffect(() => {
    if (!replayable) store.set({ run: runFromNodeRuns(executionId, status, nodeRuns) });
  }, [executionId, nodeRuns, replayable, status, store]);
  useOpenAtFailure();
  return (
    <div className="execution-canvas">
      {error && <p role="alert" className="error">{error}</p>}
      <ReplaySlider events={events} position={position ?? events.length} onChange={(p) => setPosition(p >= events.length ? undefined : p)} />
      <div className="editor-body">
        <div className="editor-canvas"><FlowCanvas /></div>
        <ConfigPanel />
      </div>
    </div>
  );
}

/**
 * A failed run opens with the node it failed at in the side panel, once per canvas (the user may
 * pick another node; a refetched run draws a new canvas, which opens at it again).
 */
function useOpenAtFailure() {
  const { commands, store } = useEditorContext();
  const failed = useEditor((s) => (s.run && isTerminal(s.run.status) ? failedNodeId(s.run) : undefined));
  const openedOn = useRef<EditorStore>(null);
  useEffect(() => {
    if (!failed || openedOn.current === store) return;
    openedOn.current = store;
    commands.focusNode(failed);
  }, [commands, failed, store]);
}
