import { useEffect, useMemo } from 'react';
import { useEditorContext } from '../editor/editor-context';
import { applyEvent, foldEvents, type ExecutionEvent, type RunView } from './run-state';

/** Moves the run forward by the new events only, so untouched nodes keep their view objects. */
function advance(previous: RunView | null, executionId: string, shown: readonly ExecutionEvent[]): RunView {
  const lastShown = shown[shown.length - 1]?.seq ?? 0;
  // A run rebuilt from stored node runs (lastSeq 0) is replaced by its events, not added to.
  if (!previous || previous.executionId !== executionId || previous.lastSeq === 0 || previous.lastSeq > lastShown) return foldEvents(executionId, shown);
  let run = previous;
  for (const event of shown) if (event.seq > previous.lastSeq) run = applyEvent(run, event);
  return run;
}

/**
 * Shows a run on the canvas: the events up to `upTo` (all when undefined) are folded into the
 * editor store, where each node picks its own state.
 */
export function useCanvasRun(executionId: string | null, events: readonly ExecutionEvent[], upTo?: number) {
  const { store } = useEditorContext();
  const shown = useMemo(() => (upTo === undefined ? events : events.slice(0, upTo)), [events, upTo]);
  useEffect(() => {
    store.set((s) => ({ run: executionId ? advance(s.run, executionId, shown) : null }));
  }, [executionId, shown, store]);
}
