import { Background, Controls, MiniMap, ReactFlow, useReactFlow, useStore, useStoreApi, type NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo, useState, type MouseEvent } from 'react';
import { isZoomedOut } from './detail-zoom';
import { useEditor, useEditorContext } from './editor-context';
import { FlowOverview, nodeAtPoint } from './flow-overview';
import type { FlowEdge, FlowNode } from './flow-types';
import { useFlowNodeTypes } from './node-type-registry';
import { useConnectionRules } from './use-connection-rules';
import { useDropNode } from './use-drop-node';
import { useNodeKeys } from './use-node-keys';
import { useRunEdges } from './use-run-edges';

const SNAP_GRID: [number, number] = [16, 16];
/** Zoomed out every node is hidden (the overview draws them), and "Fit view" must still fit them all. */
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.2, includeHiddenNodes: true };
const NO_EDGES: FlowEdge[] = [];
const hide = (node: FlowNode): FlowNode => ({ ...node, hidden: true });
const miniMapColor = (node: FlowNode) => (node.selected ? '#6366f1' : '#94a3b8');
/**
 * Above this many nodes the canvas opens at a readable zoom on the flow's top-left corner instead
 * of fitting everything: with `onlyRenderVisibleElements` only what is on screen is rendered, so
 * opening and panning cost about the same for 2,000 nodes as for 50. "Fit view" still shows it all.
 */
const LARGE_FLOW = 150;
const LARGE_FLOW_ZOOM = 0.8;

function initialViewport(nodes: readonly FlowNode[]) {
  if (nodes.length <= LARGE_FLOW) return undefined;
  const minX = Math.min(...nodes.map((n) => n.position.x));
  const minY = Math.min(...nodes.map((n) => n.position.y));
  return { x: 40 - minX * LARGE_FLOW_ZOOM, y: 40 - minY * LARGE_FLOW_ZOOM, zoom: LARGE_FLOW_ZOOM };
}

/** The React Flow canvas over the editor store; `fitAll` fits even a large flow on open. */
export function FlowCanvas({ fitAll = false }: { fitAll?: boolean }) {
  const { commands, readOnly } = useEditorContext();
  const nodes = useEditor((s) => s.nodes);
  const edges = useRunEdges(useEditor((s) => s.edges), useEditor((s) => s.run));
  // Zoomed out, React Flow renders no node and no edge (each would cost a paint chunk, and a store
  // subscription run on every pan frame); the overview draws the flow instead.
  const zoomedOut = useStore(isZoomedOut);
  const shownNodes = useMemo(() => (zoomedOut ? nodes.map(hide) : nodes), [nodes, zoomedOut]);
  const isValidConnection = useConnectionRules();
  const { onDragOver, onDrop } = useDropNode();
  const onNodeClick: NodeMouseHandler<FlowNode> = useCallback((_, node) => commands.focusNode(node.id), [commands]);
  const flowStore = useStoreApi<FlowNode>();
  const { screenToFlowPosition } = useReactFlow<FlowNode>();
  // Zoomed out, nodes are drawn by the overview, so a click on one lands on the pane.
  const onPaneClick = useCallback(
    (event: MouseEvent) => {
      const state = flowStore.getState();
      const id = isZoomedOut(state) ? nodeAtPoint(state.nodeLookup, screenToFlowPosition({ x: event.clientX, y: event.clientY })) : null;
      commands.focusNode(id);
    },
    [commands, flowStore, screenToFlowPosition],
  );
  const [viewport] = useState(() => (fitAll ? undefined : initialViewport(nodes)));
  const nodeTypes = useFlowNodeTypes();
  // Capture: the undo step is taken before React Flow moves the node on the same key.
  const onNodeKey = useNodeKeys();
  return (
    <div className="flow-canvas" data-testid="flow-canvas" onDragOver={onDragOver} onDrop={onDrop} onKeyDownCapture={onNodeKey}>
      <ReactFlow<FlowNode>
        nodes={shownNodes}
        edges={zoomedOut ? NO_EDGES : edges}
        nodeTypes={nodeTypes}
        onNodesChange={commands.onNodesChange}
        onEdgesChange={commands.onEdgesChange}
        onConnect={commands.connect}
        onNodeDragStart={commands.checkpoint}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        isValidConnection={isValidConnection}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={null}
        snapToGrid
        snapGrid={SNAP_GRID}
        onlyRenderVisibleElements
        fitView={!viewport}
        defaultViewport={viewport}
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.05}
      >
        {/* The dot pattern is repainted on every pan frame; on a large flow that frame budget goes to nodes. */}
        {nodes.length <= LARGE_FLOW && <Background gap={16} />}
        <FlowOverview />
        <Controls fitViewOptions={FIT_VIEW_OPTIONS} />
        {/* Repainting thousands of minimap shapes on every pan frame costs more than the canvas itself. */}
        {nodes.length <= LARGE_FLOW && <MiniMap<FlowNode> pannable zoomable nodeColor={miniMapColor} />}
      </ReactFlow>
    </div>
  );
}
