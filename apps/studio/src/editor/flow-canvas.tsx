import { Background, Controls, MiniMap, ReactFlow, type NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback } from 'react';
import { useEditor, useEditorContext } from './editor-context';
import type { FlowNode } from './flow-types';
import { NODE_TYPES } from './node-type-registry';
import { useConnectionRules } from './use-connection-rules';
import { useDropNode } from './use-drop-node';
import { useRunEdges } from './use-run-edges';

const SNAP_GRID: [number, number] = [16, 16];
const FIT_VIEW_OPTIONS = { padding: 0.2, maxZoom: 1.2 };
const miniMapColor = (node: FlowNode) => (node.selected ? '#6366f1' : '#94a3b8');

/** The React Flow canvas over the editor store. */
export function FlowCanvas() {
  const { commands, readOnly } = useEditorContext();
  const nodes = useEditor((s) => s.nodes);
  const edges = useRunEdges(useEditor((s) => s.edges), useEditor((s) => s.run));
  const isValidConnection = useConnectionRules();
  const { onDragOver, onDrop } = useDropNode();
  const onNodeClick: NodeMouseHandler<FlowNode> = useCallback((_, node) => commands.focusNode(node.id), [commands]);
  const onPaneClick = useCallback(() => commands.focusNode(null), [commands]);
  return (
    <div className="flow-canvas" data-testid="flow-canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<FlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
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
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.05}
      >
        <Background gap={16} />
        <Controls />
        <MiniMap<FlowNode> pannable zoomable nodeColor={miniMapColor} />
      </ReactFlow>
    </div>
  );
}
