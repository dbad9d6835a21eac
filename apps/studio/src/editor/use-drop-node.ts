import { useReactFlow } from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import { useEditorContext } from './editor-context';

/** The drag payload the palette sets: the node type name. */
export const NODE_DRAG_MIME = 'application/x-omnitron-node-type';

/** Dropping a palette item on the canvas adds that node where it was dropped. */
export function useDropNode() {
  const { screenToFlowPosition } = useReactFlow();
  const { commands, nodeTypes } = useEditorContext();
  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_DRAG_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_DRAG_MIME);
      if (!type || !nodeTypes.has(type)) return;
      event.preventDefault();
      commands.addNode(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [commands, nodeTypes, screenToFlowPosition],
  );
  return { onDragOver, onDrop };
}
