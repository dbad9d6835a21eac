import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { FlowActivationQuery } from '../documents/flows';
import { ActivationToggle, TriggerTypes } from '../flows/activation-toggle';
import { useEditor } from './editor-context';

/**
 * The saved flow's trigger kinds and activation in the editor toolbar. Read afresh after each save
 * (a save changes the trigger kinds); with unsaved edits the switch waits, since it acts on what is saved.
 */
export function EditorActivation({ flowId }: { flowId: string }) {
  const version = useEditor((s) => s.version);
  const dirty = useEditor((s) => s.dirty);
  const [{ data }, refetch] = useQuery({ query: FlowActivationQuery, variables: { id: flowId }, requestPolicy: 'network-only' });
  // Once per save (the editor's version changes), not per answer: after someone else's save the
  // versions differ until a reload, and re-asking on every answer would never stop.
  const seenVersion = useRef(version);
  useEffect(() => {
    if (seenVersion.current === version) return;
    seenVersion.current = version;
    refetch({ requestPolicy: 'network-only' });
  }, [version, refetch]);
  const flow = data?.flow;
  if (!flow) return null;
  return (
    <span className="editor-activation" data-testid="editor-activation">
      <TriggerTypes types={flow.triggerTypes} />
      <ActivationToggle flowId={flowId} active={flow.active} triggerTypes={flow.triggerTypes} disabled={dirty} onChanged={() => refetch({ requestPolicy: 'network-only' })} />
    </span>
  );
}
