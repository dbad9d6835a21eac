import { getBezierPath, Position, useStore, ViewportPortal, type InternalNode, type ReactFlowState } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { nodeView } from '../run/run-state';
import { isZoomedOut } from './detail-zoom';
import { useEditor } from './editor-context';
import type { FlowNode } from './flow-types';

/**
 * The zoomed-out canvas. Every node React Flow draws is its own paint chunk, every edge its own
 * `<svg>`, and Chromium re-layerizes all of them on each pan frame (about 30 ms of main thread for
 * 2,000 nodes), while each mounted node runs its store selectors on every pan event. So below
 * `DETAIL_ZOOM` the canvas hands React Flow its nodes hidden and no edges (`flow-canvas.tsx`), and
 * this one `<svg>` draws the flow: every edge in one path, the nodes as boxes in one path per look
 * (plain, selected, with a problem, or a run state: failed red, succeeded green...), so a run still
 * reads at a glance. Nodes cannot be dragged or connected there; a click on a box focuses its node
 * (`nodeAtPoint`).
 */
function FlowOverviewView() {
  return useStore(isZoomedOut) ? <OverviewDrawing /> : null;
}

const selectNodes = (s: ReactFlowState) => s.nodes;
const selectLookup = (s: ReactFlowState) => s.nodeLookup;

/** The look of a node's box: its run state first, then a problem, then selection. */
function lookOf(node: FlowNode, state: string | undefined, hasProblem: boolean): string {
  if (state) return `run-${state.toLowerCase()}`;
  if (hasProblem) return 'has-problem';
  return node.selected ? 'selected' : 'plain';
}

function box(node: InternalNode<FlowNode>): string {
  const { x, y } = node.internals.positionAbsolute;
  const width = node.measured.width ?? node.width ?? 0;
  const height = node.measured.height ?? node.height ?? 0;
  return `M${x},${y}h${width}v${height}h${-width}z`;
}

/** Where an edge leaves or enters a node: its handle's centre when measured, else the middle of that side. */
function handlePoint(node: InternalNode<FlowNode>, kind: 'source' | 'target', handleId: string | null | undefined) {
  const { x, y } = node.internals.positionAbsolute;
  const handles = node.internals.handleBounds?.[kind] ?? [];
  const handle = handles.find((h) => h.id === handleId) ?? handles[0];
  if (handle) return { x: x + handle.x + handle.width / 2, y: y + handle.y + handle.height / 2 };
  return { x: kind === 'source' ? x + (node.measured.width ?? 0) : x, y: y + (node.measured.height ?? 0) / 2 };
}

function OverviewDrawing() {
  const nodes = useStore(selectNodes) as FlowNode[];
  const edges = useEditor((s) => s.edges);
  const lookup = useStore(selectLookup);
  const run = useEditor((s) => s.run);
  const problems = useEditor((s) => s.problems);
  const boxes = useMemo(() => {
    const byLook = new Map<string, { ids: string[]; path: string[] }>();
    for (const node of nodes) {
      const internal = lookup.get(node.id) as InternalNode<FlowNode> | undefined;
      if (!internal) continue;
      const state = run ? nodeView(run, node.id).state : undefined;
      const look = lookOf(node, state, (problems[node.id] ?? []).some((p) => p.severity !== 'warning'));
      const group = byLook.get(look) ?? { ids: [], path: [] };
      group.ids.push(node.id);
      group.path.push(box(internal));
      byLook.set(look, group);
    }
    return [...byLook].sort(([a], [b]) => a.localeCompare(b));
  }, [nodes, lookup, run, problems]);
  const edgePath = useMemo(() => {
    const parts: string[] = [];
    for (const edge of edges) {
      const source = lookup.get(edge.source) as InternalNode<FlowNode> | undefined;
      const target = lookup.get(edge.target) as InternalNode<FlowNode> | undefined;
      if (!source || !target) continue;
      const from = handlePoint(source, 'source', edge.sourceHandle);
      const to = handlePoint(target, 'target', edge.targetHandle);
      parts.push(getBezierPath({ sourceX: from.x, sourceY: from.y, sourcePosition: Position.Right, targetX: to.x, targetY: to.y, targetPosition: Position.Left })[0]);
    }
    return parts.join('');
  }, [edges, lookup]);
  return (
    <ViewportPortal>
      <svg className="flow-overview" data-testid="flow-overview" width={1} height={1} aria-hidden="true">
        <path className="flow-overview-edges" d={edgePath} />
        {boxes.map(([look, group]) => (
          <path key={look} className={`flow-overview-nodes ${look}`} data-testid={`flow-overview-${look}`} data-nodes={group.ids.join(' ')} d={group.path.join('')} />
        ))}
      </svg>
    </ViewportPortal>
  );
}

export const FlowOverview = memo(FlowOverviewView);

/** The node whose box contains `point` (flow coordinates), the topmost when boxes overlap. */
export function nodeAtPoint(lookup: ReadonlyMap<string, InternalNode<FlowNode>>, point: { x: number; y: number }): string | null {
  let found: string | null = null;
  for (const node of lookup.values()) {
    const { x, y } = node.internals.positionAbsolute;
    if (point.x >= x && point.y >= y && point.x <= x + (node.measured.width ?? 0) && point.y <= y + (node.measured.height ?? 0)) found = node.id;
  }
  return found;
}
