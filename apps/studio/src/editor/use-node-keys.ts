import { useCallback, useRef, type KeyboardEvent } from 'react';
import { useEditorContext } from './editor-context';

const ARROWS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);
/** Arrow presses closer together than this are one move, undone at once. */
const MOVE_PAUSE_MS = 1_000;

/** The canvas node a key event comes from, when the node element itself has the keyboard focus. */
function focusedNodeId(event: KeyboardEvent): string | undefined {
  const target = event.target;
  if (!(target instanceof HTMLElement) || !target.classList.contains('react-flow__node')) return undefined;
  return target.dataset.id;
}

/**
 * Keys on a focused canvas node: Enter opens its settings (React Flow selects it too, so the arrow
 * keys then move it, as React Flow moves selected nodes); a burst of arrow presses on a node is
 * one undo step, like a drag.
 */
export function useNodeKeys(): (event: KeyboardEvent) => void {
  const { commands, readOnly } = useEditorContext();
  const lastMove = useRef<{ id: string; at: number }>(undefined);
  return useCallback(
    (event: KeyboardEvent) => {
      const id = focusedNodeId(event);
      if (id === undefined) return;
      if (event.key === 'Enter') commands.focusNode(id);
      if (readOnly || !ARROWS.has(event.key)) return;
      const now = performance.now();
      const previous = lastMove.current;
      if (previous?.id !== id || now - previous.at > MOVE_PAUSE_MS) commands.checkpoint();
      lastMove.current = { id, at: now };
    },
    [commands, readOnly],
  );
}
