import { useCallback } from 'react';
import { useEditor, useEditorContext } from '../editor-context';

/**
 * A node's pinned output (the node's `pinnedData`, saved with the flow) and how to change it.
 * Each change is one undo step and marks the flow unsaved, like any edit of the node.
 */
export function usePinnedData(nodeId: string) {
  const { store, commands } = useEditorContext();
  const pinned = useEditor((s) => s.nodes.find((n) => n.id === nodeId)?.pinnedData);
  const setPinned = useCallback(
    (value: unknown) => {
      commands.checkpoint();
      store.set((s) => ({
        nodes: s.nodes.map((n) => {
          if (n.id !== nodeId) return n;
          if (value === undefined) {
            const { pinnedData: _dropped, ...rest } = n;
            return rest;
          }
          return { ...n, pinnedData: value };
        }),
      }));
    },
    [commands, nodeId, store],
  );
  return { pinned, pin: setPinned, unpin: useCallback(() => setPinned(undefined), [setPinned]) };
}
