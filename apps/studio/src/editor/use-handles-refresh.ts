import { useUpdateNodeInternals } from '@xyflow/react';
import { useEffect, useRef } from 'react';

/**
 * Re-measures a node's handles when its handle list changes (switch cases, `onError: errorBranch`):
 * nodes have a fixed size, so React Flow's resize observer would not notice new handles.
 */
export function useHandlesRefresh(nodeId: string, handles: readonly string[]) {
  const updateNodeInternals = useUpdateNodeInternals();
  const key = handles.join('\n');
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    updateNodeInternals(nodeId);
  }, [key, nodeId, updateNodeInternals]);
}
