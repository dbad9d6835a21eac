import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { createEditorCommands } from '../editor/editor-commands';
import { EditorContext, type EditorContextValue } from '../editor/editor-context';
import { createEditorStore } from '../editor/editor-state';
import { FlowCanvas } from '../editor/flow-canvas';
import { useLocation } from '../router/location';
import { BENCH_NODE_TYPES, generatedFlow } from './generated-flow';

declare global {
  interface Window {
    /** Set by the bench page at the first frame showing nodes and edges: ms since navigation start. */
    __benchFirstRenderMs?: number;
  }
}

/** Records the first painted frame that shows nodes and edges: what a user perceives as "open". */
function ReadyProbe() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let frame = requestAnimationFrame(function poll() {
      // Zoomed out (fit all), the overview draws the flow instead of React Flow's nodes and edges.
      const painted = (document.querySelector('.react-flow__node') && document.querySelector('.react-flow__edge-path')) || document.querySelector('.flow-overview-nodes');
      if (!painted) return void (frame = requestAnimationFrame(poll));
      window.__benchFirstRenderMs ??= performance.now();
      setReady(true);
    });
    return () => cancelAnimationFrame(frame);
  }, []);
  return ready ? <span data-testid="bench-ready" hidden /> : null;
}

/** `/bench?nodes=2000[&fit]`: the editor canvas on a generated flow, no backend, for the studio benchmark. */
export default function BenchPage() {
  const query = useLocation().searchParams;
  const count = Number(query.get('nodes') ?? 500);
  const context = useMemo<EditorContextValue>(() => {
    const types = new Map(BENCH_NODE_TYPES.map((t) => [t.type, t]));
    const store = createEditorStore({ meta: { name: 'bench', description: '', tags: [] }, version: 1, ...generatedFlow(count) }, types);
    return { store, commands: createEditorCommands(store), nodeTypes: types, readOnly: false };
  }, [count]);
  return (
    <EditorContext value={context}>
      <ReactFlowProvider>
        <div className="bench-canvas" data-testid="bench-canvas">
          <FlowCanvas fitAll={query.has('fit')} />
          <ReadyProbe />
        </div>
      </ReactFlowProvider>
    </EditorContext>
  );
}
