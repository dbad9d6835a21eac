import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useMutation } from 'urql';
import { TestNodeMutation } from '../../documents/executions';
import { errorMessage } from '../../graphql/errors';
import { isTerminal } from '../../run/run-state';
import { SampleInputDialog } from '../../run/sample-input-dialog';
import { useCanvasRun } from '../../run/use-canvas-run';
import { useExecutionEvents } from '../../run/use-execution-events';
import { useSampleInput } from '../../run/use-sample-input';
import { useEditor, useEditorContext } from '../editor-context';
import { toWireGraph } from '../flow-types';
import { takeDebugPins } from './debug-pins';
import { NodeViewDialog } from './node-view-dialog';

interface NodeLoop {
  /** Runs the unsaved graph up to `nodeId`; the run shows on the canvas like any run. */
  readonly testNode: (nodeId: string, usePinned: boolean) => Promise<void>;
  readonly openNodeView: (nodeId: string) => void;
  /** The node whose test run is on the canvas, while it runs. */
  readonly testingNodeId: string | null;
  readonly testExecutionId: string | null;
  readonly error: string | undefined;
  /** Whether tests use pinned data (one choice for the panel and the node view). */
  readonly usePinned: boolean;
  readonly setUsePinned: (use: boolean) => void;
  /** Opens the editor of the flow's sample input (the trigger's input in test runs). */
  readonly editSampleInput: () => void;
}

const NodeLoopContext = createContext<NodeLoop | null>(null);

/** The build loop of the editor around; null on read-only canvases (a past run, the bench). */
export function useNodeLoop(): NodeLoop | null {
  return useContext(NodeLoopContext);
}

/**
 * The editor's build loop: "Test this node" on the unsaved graph, and the node view. Holds the
 * test run shown on the canvas (its events folded into the editor's run, as RunControls does for
 * a run of the saved flow).
 */
export function NodeLoopProvider({ flowId, children }: { flowId: string; children: ReactNode }) {
  const { store } = useEditorContext();
  const [debugNotice, dismissDebugNotice] = useDebugPins(flowId);
  const [testExecutionId, setTestExecutionId] = useState<string | null>(null);
  const [testedNodeId, setTestedNodeId] = useState<string | null>(null);
  const [viewNodeId, setViewNodeId] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [usePinned, setUsePinned] = useState(true);
  const [editingSample, setEditingSample] = useState(false);
  // A test run starts from the flow's sample input (kept on the server), else `{}`.
  const { sampleInput } = useSampleInput(flowId);
  const [, runTest] = useMutation(TestNodeMutation);
  const { events, error: streamError } = useExecutionEvents(testExecutionId);
  useCanvasRun(testExecutionId, events);
  const running = useEditor((s) => s.run !== null && s.run.executionId === testExecutionId && !isTerminal(s.run.status));

  const testNode = useCallback(
    async (nodeId: string, usePinned: boolean) => {
      setError(undefined);
      const { nodes, edges } = store.get();
      const result = await runTest({ flowId, graph: toWireGraph(nodes, edges), nodeId, usePinned, input: sampleInput ?? {} });
      if (result.data) {
        setTestedNodeId(nodeId);
        setTestExecutionId(result.data.testNode.id);
      } else setError(errorMessage(result.error));
    },
    [flowId, runTest, sampleInput, store],
  );
  const value = useMemo<NodeLoop>(
    () => ({
      testNode,
      openNodeView: setViewNodeId,
      testingNodeId: running ? testedNodeId : null,
      testExecutionId,
      error: error ?? streamError,
      usePinned,
      setUsePinned,
      editSampleInput: () => setEditingSample(true),
    }),
    [testNode, running, testedNodeId, testExecutionId, error, streamError, usePinned],
  );
  return (
    <NodeLoopContext value={value}>
      {children}
      {debugNotice && (
        <p className="debug-pins-notice" role="status" data-testid="debug-pins-notice">
          {debugNotice} <button type="button" onClick={dismissDebugNotice} aria-label="Dismiss">×</button>
        </p>
      )}
      {viewNodeId && <NodeViewDialog flowId={flowId} nodeId={viewNodeId} onClose={() => setViewNodeId(null)} />}
      {editingSample && <SampleInputDialog flowId={flowId} onClose={() => setEditingSample(false)} />}
    </NodeLoopContext>
  );
}

/**
 * "Debug in editor": pins the outputs a run's page handed over on the nodes of this flow that have
 * them (one undo step; the flow is then unsaved). Answers the line that says so, and its dismissal.
 */
function useDebugPins(flowId: string): [string | undefined, () => void] {
  const { store, commands } = useEditorContext();
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    const pins = takeDebugPins(flowId);
    if (!pins) return;
    const ids = new Set(store.get().nodes.map((n) => n.id));
    const pinned = Object.keys(pins.outputs).filter((id) => ids.has(id));
    if (pinned.length > 0) {
      commands.checkpoint();
      store.set((s) => ({ nodes: s.nodes.map((n) => (n.id in pins.outputs ? { ...n, pinnedData: pins.outputs[n.id] } : n)) }));
    }
    setNotice(`Pinned the outputs of ${pinned.length} node${pinned.length === 1 ? '' : 's'} from run ${pins.executionId.slice(0, 8)}: tests use them until you unpin.`);
  }, [commands, flowId, store]);
  return [notice, useCallback(() => setNotice(undefined), [])];
}
