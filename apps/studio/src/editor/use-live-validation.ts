import { useEffect } from 'react';
import { useMutation } from 'urql';
import { ValidateFlowMutation } from '../documents/flows';
import { useEditor, useEditorContext } from './editor-context';
import { problemsByNode } from './editor-state';
import { toWireGraph } from './flow-types';

const DEBOUNCE_MS = 600;

/** Re-validates the flow on the server shortly after each content edit; problems appear on their nodes. */
export function useLiveValidation() {
  const { store, readOnly } = useEditorContext();
  const revision = useEditor((s) => s.revision);
  const [, validate] = useMutation(ValidateFlowMutation);
  useEffect(() => {
    if (readOnly || revision === 0) return;
    const timer = setTimeout(async () => {
      const { meta, nodes, edges } = store.get();
      const result = await validate({ input: { name: meta.name || 'untitled', ...toWireGraph(nodes, edges) } });
      if (result.data) store.set({ problems: problemsByNode(result.data.validateFlow.problems) });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [readOnly, revision, store, validate]);
}
