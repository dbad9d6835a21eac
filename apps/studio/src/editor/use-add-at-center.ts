import { useReactFlow } from '@xyflow/react';
import { useCallback, type RefObject } from 'react';
import { useEditorContext } from './editor-context';

/** Adds a node in the middle of the visible canvas (palette items activated by keyboard or click). */
export function useAddAtCenter(canvas: RefObject<HTMLElement | null>) {
  const { screenToFlowPosition } = useReactFlow();
  const { commands } = useEditorContext();
  return useCallback(
    (type: string) => {
      const box = canvas.current?.getBoundingClientRect();
      const center = box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: 400, y: 300 };
      const jitter = (Math.random() - 0.5) * 60;
      commands.addNode(type, screenToFlowPosition({ x: center.x + jitter, y: center.y + jitter }));
    },
    [canvas, commands, screenToFlowPosition],
  );
}
