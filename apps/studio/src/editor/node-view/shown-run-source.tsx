import { Link } from '../../router/link';
import type { ShownNodeRun } from './use-shown-node-run';

/** Which run the node view's data comes from, linked to that run's page. */
export function ShownRunSource({ shown }: { shown: ShownNodeRun }) {
  const kind = shown.onCanvas ? 'the run on the canvas' : shown.test ? 'the last test run' : 'the last run';
  const when = shown.createdAt ? ` · ${new Date(shown.createdAt).toLocaleString()}` : '';
  return (
    <p className="node-view-source muted" data-testid="node-view-source" data-execution-id={shown.executionId}>
      From {kind}, <Link href={`/executions/${shown.executionId}`}>{shown.executionId.slice(0, 8)}</Link>{when}
    </p>
  );
}
