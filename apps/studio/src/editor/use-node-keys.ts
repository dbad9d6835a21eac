import { useCallback, type KeyboardEvent } from 'react';
import { useEditorContext } from './editor-context';

const ARROWS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

/** The canvas node a key event comes from, when the node element itself has the keyboard focus. */
function focusedNodeId(event: KeyboardEvent): string | undefined {
  const target = event.target;
  if (!(target instanceof HTMLElement) || !target.classList.contains('react-flow__node')) return undefined;
  return target.dataset.id;
}

/**
 * Keys on a focused canvas node: Enter opens its settings (React Flow selects it too, so the arrow
 * keys then move it, as React Flow moves selected nodes); the first arrow press of a move is one
 * undo step, like a drag.
 */
export function useNodeKeys(): (event: KeyboardEvent) => void {
  const { commands, readOnly } = useEditorContext();
  return useCallback(
    (event: KeyboardEvent) => {
      const id = focusedNodeId(event);
      if (id === undefined) return;
      if (event.key === 'Enter') commands.focusNode(id);
      else if (!readOnly && ARROWS.has(event.key) && !event.repeat) commands.checkpoint();
    },
    [commands, readOnly],
  );
}
