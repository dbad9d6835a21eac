import { useCallback } from 'react';
import { useMutation, useQuery } from 'urql';
import { FlowSampleInputQuery, SetFlowSampleInputMutation } from '../documents/flows';
import { errorMessage } from '../graphql/errors';

/** Pretty JSON text of a sample input; `{}` when the flow has none. */
export const sampleInputText = (value: unknown): string => (value === null || value === undefined ? '{}' : JSON.stringify(value, null, 2));

/**
 * A flow's sample input, kept on the server (`Flow.sampleInput`): what its test runs start with and
 * the run dialog's first input, the same in every browser. `save` stores JSON text (blank clears)
 * and answers the server's refusal (not JSON, too large, not allowed), if any.
 */
export function useSampleInput(flowId: string) {
  const [{ data, fetching }] = useQuery({ query: FlowSampleInputQuery, variables: { id: flowId } });
  const [saving, setSampleInput] = useMutation(SetFlowSampleInputMutation);
  const sampleInput: unknown = data?.flow?.sampleInput ?? null;
  const save = useCallback(
    async (json: string): Promise<string | undefined> => {
      const result = await setSampleInput({ id: flowId, json });
      return result.error ? errorMessage(result.error) : undefined;
    },
    [flowId, setSampleInput],
  );
  return { sampleInput, loaded: !fetching && data !== undefined, saving: saving.fetching, save };
}
