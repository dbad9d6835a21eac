import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { ExecutionEventsSubscription } from '../documents/executions';
import { errorMessage } from '../graphql/errors';
import type { ExecutionEvent } from './run-state';

const TERMINAL = new Set(['EXECUTION_SUCCEEDED', 'EXECUTION_FAILED', 'EXECUTION_CANCELLED']);

/**
 * Every event of one execution, oldest first, from seq 1: the gateway replays what happened before
 * we subscribed, then streams live. Duplicates after a reconnect are dropped by seq, and the
 * subscription ends at the terminal event.
 */
export function useExecutionEvents(executionId: string | null): { events: readonly ExecutionEvent[]; error?: string } {
  const client = useClient();
  const [events, setEvents] = useState<readonly ExecutionEvent[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setEvents([]);
    setError(undefined);
    if (!executionId) return;
    let done = false;
    const subscription = client.subscription(ExecutionEventsSubscription, { executionId, afterSeq: 0 }).subscribe((result) => {
      if (result.error) setError(errorMessage(result.error));
      const event = result.data?.executionEvents;
      if (!event || done) return;
      setEvents((previous) => (previous.length > 0 && event.seq <= previous[previous.length - 1]!.seq ? previous : [...previous, event]));
      if (TERMINAL.has(event.type)) {
        done = true;
        queueMicrotask(() => subscription.unsubscribe());
      }
    });
    return () => subscription.unsubscribe();
  }, [client, executionId]);
  return { events, error };
}
