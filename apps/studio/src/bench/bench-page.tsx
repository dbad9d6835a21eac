import { ReactFlowProvider, useNodesInitialized } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { createEditorCommands } from '../editor/editor-commands';
import { EditorContext, type EditorContextValue } from '../editor/editor-context';
import { createEditorStore } from '../editor/editor-state';
import { FlowCanvas } from '../editor/flow-canvas';
import { useLocation } from '../router/location';
import { BENCH_NODE_TYPES, generatedFlow } from './generated-flow';

declare global {
  interface Window {
    /** Set by the bench page once the canvas has measured its nodes: ms since navigation start. */
    __benchFirstRenderMs?: number;
  }
}

/** Marks the moment React Flow has rendered and measured the visible nodes. */
function ReadyProbe() {
  const initialized = useNodesInitialized();
  useEffect(() => {
    if (initialized && window.__benchFirstRenderMs === undefined) {
      requestAnimationFrame(() => (window.__benchFirstRenderMs = performance.now()));
    }
  }, [initialized]);
  return initialized ? <span data-testid="bench-ready" hidden /> : null;
}

/** `/bench?nodes=2000`: the editor canvas on a generated flow, no backend, for the studio benchmark. */
export default function BenchPage() {
  const count = Number(useLocation().searchParams.get('nodes') ?? 500);
  const context = useMemo<EditorContextValue>(() => {
    const store = createEditorStore({ meta: { name: 'bench', description: '', tags: [] }, version: 1, ...generatedFlow(count) });
    return { store, commands: createEditorCommands(store), nodeTypes: new Map(BENCH_NODE_TYPES.map((t) => [t.type, t])), readOnly: false };
  }, [count]);
  return (
    <EditorContext value={context}>
      <ReactFlowProvider>
        <div className="bench-canvas" data-testid="bench-canvas">
          <FlowCanvas />
          <ReadyProbe />
        </div>
      </ReactFlowProvider>
    </EditorContext>
  );
}
