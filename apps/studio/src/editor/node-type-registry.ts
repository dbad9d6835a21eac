import type { NodeTypes } from '@xyflow/react';
import { useMemo } from 'react';
import { useEditorContext } from './editor-context';
import { FlowNodeComponent } from './flow-node';

/**
 * React Flow's component per node type: ours for every type the served catalog lists (and for an
 * unknown one, through `default`), never React Flow's built-in `input`/`output`/`group` nodes. The
 * catalog is loaded once per editor, so the object is too (React Flow re-mounts every node when it changes).
 */
export function useFlowNodeTypes(): NodeTypes {
  const { nodeTypes } = useEditorContext();
  return useMemo(() => Object.fromEntries([['default', FlowNodeComponent], ...[...nodeTypes.keys()].map((type) => [type, FlowNodeComponent])]), [nodeTypes]);
}
