import { useCallback, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { FlowVersionsQuery, UpdateFlowMutation } from '../documents/flows';
import { errorCode, errorMessage } from '../graphql/errors';
import { useEditorContext } from './editor-context';
import { problemsByNode } from './editor-state';
import { toWireGraph } from './flow-types';

/** On conflict, `baseVersion` is the version the refused save was based on. */
export type SaveOutcome = { kind: 'saved' } | { kind: 'conflict'; baseVersion: number } | { kind: 'failed'; message: string };

/**
 * Saves the canvas as a new version. The version the canvas was loaded at is sent as
 * `expectedVersion`, so a save over someone else's newer version answers CONFLICT instead of
 * silently replacing it; `overwrite` re-reads the latest version number and saves on top of it.
 */
export function useSaveFlow(flowId: string) {
  const { store, commands } = useEditorContext();
  const [, updateFlow] = useMutation(UpdateFlowMutation);
  const client = useClient();
  const [saving, setSaving] = useState(false);

  const save = useCallback(
    async (message: string, expectedVersion = store.get().version): Promise<SaveOutcome> => {
      const { meta, nodes, edges } = store.get();
      setSaving(true);
      const result = await updateFlow({
        id: flowId,
        expectedVersion,
        message: message || undefined,
        input: { name: meta.name, description: meta.description, tags: [...meta.tags], ...toWireGraph(nodes, edges) },
      });
      setSaving(false);
      if (errorCode(result.error) === 'CONFLICT') return { kind: 'conflict', baseVersion: expectedVersion };
      const flow = result.data?.updateFlow;
      if (!flow) return { kind: 'failed', message: errorMessage(result.error) ?? 'Save failed' };
      commands.markSaved(flow.version);
      store.set({ problems: problemsByNode(flow.problems) });
      return { kind: 'saved' };
    },
    [commands, flowId, store, updateFlow],
  );

  const overwrite = useCallback(
    async (message: string): Promise<SaveOutcome> => {
      const latest = await client.query(FlowVersionsQuery, { id: flowId }, { requestPolicy: 'network-only' }).toPromise();
      const version = latest.data?.flow?.version;
      if (version === undefined) return { kind: 'failed', message: errorMessage(latest.error) ?? 'Flow not found' };
      return save(message, version);
    },
    [client, flowId, save],
  );

  return { save, overwrite, saving };
}
