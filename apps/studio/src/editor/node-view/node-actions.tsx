import { RetryFromNode } from '../../executions/retry-from-node';
import { useEditorContext } from '../editor-context';
import { NodeLoopActions } from './node-loop-actions';

/** The node panel's actions: test and open the node view in the editor; retry from it on a run's page. */
export function NodeActions({ nodeId }: { nodeId: string }) {
  const { readOnly } = useEditorContext();
  return readOnly ? <RetryFromNode nodeId={nodeId} /> : <NodeLoopActions nodeId={nodeId} />;
}
