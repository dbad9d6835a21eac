import { useReactFlow } from '@xyflow/react';
import { useCallback, type RefObject } from 'react';
import { useEditorContext } from './editor-context';
import { NEW_NODE, placeNewNode } from './free-spot';

type Point = { x: number; y: number };
const inView = (spot: Point, topLeft: Point, bottomRight: Point) =>
  spot.x >= topLeft.x && spot.y >= topLeft.y && spot.x + NEW_NODE.width <= bottomRight.x && spot.y + NEW_NODE.height <= bottomRight.y;

/**
 * Adds a node from a palette click (or keyboard): beside the selected node, else in the middle of
 * the visible canvas, in either case on a free spot (editor/free-spot.ts), never on top of another.
 */
export function useAddAtCenter(canvas: RefObject<HTMLElement | null>) {
  const { screenToFlowPosition, setCenter, getZoom } = useReactFlow();
  const { commands, store } = useEditorContext();
  return useCallback(
    (type: string) => {
      const box = canvas.current?.getBoundingClientRect();
      const center = screenToFlowPosition(box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: 400, y: 300 });
      const { nodes, focusedNodeId } = store.get();
      const anchor = nodes.find((n) => n.id === focusedNodeId) ?? nodes.findLast((n) => n.selected);
      const spot = placeNewNode(anchor, center, nodes);
      commands.addNode(type, spot);
      // Only what is on screen is drawn: a node placed beyond the view is brought into it.
      if (box && !inView(spot, screenToFlowPosition({ x: box.left, y: box.top }), screenToFlowPosition({ x: box.right, y: box.bottom }))) {
        void setCenter(spot.x + NEW_NODE.width / 2, spot.y + NEW_NODE.height / 2, { zoom: getZoom() });
      }
    },
    [canvas, commands, getZoom, screenToFlowPosition, setCenter, store],
  );
}
