import { useCallback, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { usePolling } from '../app/use-polling';
import { ListenForTestWebhookMutation, WebhookTestListenQuery } from '../documents/triggers';
import { errorMessage } from '../graphql/errors';
import { Link } from '../router/link';
import { CopyButton } from './copy-button';
import { useEditorContext } from './editor-context';
import { toWireGraph } from './flow-types';

const urlOf = (prefix: string, path: string) => new URL(`${prefix}${path.replace(/^\/+/, '')}`, window.location.origin).toString();

/**
 * A webhook trigger's two URLs with copy buttons: the production one (answers while the flow is
 * active) and the test one, which captures one request while someone listens here and runs the
 * flow as drawn when listening began, unsaved changes included (active or not).
 */
export function WebhookUrls({ nodeId, path, methods }: { nodeId: string; path: unknown; methods: unknown }) {
  const { flowId, readOnly } = useEditorContext();
  if (typeof path !== 'string' || !path) return <p className="muted">Save to get a generated webhook path, or set one below.</p>;
  const accepted = Array.isArray(methods) && methods.length > 0 ? methods.join(', ') : 'POST';
  const production = urlOf('/webhooks/', path);
  const test = urlOf('/webhooks-test/', path);
  return (
    <div className="webhook-urls">
      <p>
        Production <span data-testid="webhook-methods">{accepted}</span> <code data-testid="webhook-url">{production}</code> <CopyButton text={production} testId="copy-webhook-url" />
      </p>
      <p>
        Test <code data-testid="webhook-test-url">{test}</code> <CopyButton text={test} testId="copy-webhook-test-url" />
      </p>
      {flowId && !readOnly && <TestListener flowId={flowId} nodeId={nodeId} />}
    </div>
  );
}

/** "Listen for test event" with the canvas as it is now (the draft, saved or not), then what came of it. */
function TestListener({ flowId, nodeId }: { flowId: string; nodeId: string }) {
  const { store } = useEditorContext();
  const [started, listen] = useMutation(ListenForTestWebhookMutation);
  const [listenId, setListenId] = useState<string>();
  const [unsaved, setUnsaved] = useState(false);
  const [{ data }, refetch] = useQuery({ query: WebhookTestListenQuery, variables: { id: listenId ?? '' }, pause: !listenId, requestPolicy: 'network-only' });
  const state = data?.webhookTestListen;
  const listening = Boolean(listenId) && (!state || state.status === 'LISTENING');
  usePolling(useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]), { everyMs: 1_000, active: listening });
  const start = async () => {
    const { nodes, edges, dirty } = store.get();
    const result = await listen({ flowId, nodeId, draft: toWireGraph(nodes, edges) });
    if (!result.data) return;
    setUnsaved(dirty);
    setListenId(result.data.listenForTestWebhook.id);
  };
  return (
    <div className="webhook-test">
      <button type="button" onClick={() => void start()} disabled={started.fetching || listening} data-testid="listen-test-webhook">
        {listening ? 'Listening…' : 'Listen for test event'}
      </button>
      {started.error && <p role="alert" className="error">{errorMessage(started.error)}</p>}
      <p data-testid="webhook-test-status" className="muted">
        {listening && `Waiting for one request on the test URL (2 minutes); it runs the flow as drawn when you started listening${unsaved ? ', unsaved changes included' : ''}.`}
        {state?.status === 'EXPIRED' && 'No request came; listen again.'}
        {state?.status === 'CAPTURED' && state.executionId && (
          <>
            Captured a request: <Link href={`/executions/${state.executionId}`} data-testid="webhook-test-run">open its run</Link>
          </>
        )}
      </p>
    </div>
  );
}
