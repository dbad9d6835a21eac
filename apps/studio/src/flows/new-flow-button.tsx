import { useMutation } from 'urql';
import { CreateFlowMutation } from '../documents/flows';
import { errorMessage } from '../graphql/errors';
import { navigate } from '../router/location';
import { useState } from 'react';

/** Creates an empty flow with a manual trigger and opens it. */
export function NewFlowButton() {
  const [{ fetching }, createFlow] = useMutation(CreateFlowMutation);
  const [error, setError] = useState<string>();
  const onClick = async () => {
    const nodes = [{ id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: {} }];
    const result = await createFlow({ input: { name: 'Untitled flow', description: '', tags: [], nodes, edges: [] }, message: 'Created' });
    if (result.data) navigate(`/flows/${result.data.createFlow.id}`);
    else setError(errorMessage(result.error));
  };
  return (
    <>
      <button type="button" className="primary" disabled={fetching} onClick={() => void onClick()} data-testid="new-flow">New flow</button>
      {error && <span role="alert" className="error">{error}</span>}
    </>
  );
}
