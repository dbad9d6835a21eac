import { useRef, useState, type ChangeEvent } from 'react';
import { useMutation } from 'urql';
import { ImportFlowMutation } from '../documents/flows';
import { errorMessage } from '../graphql/errors';
import { navigate } from '../router/location';

/** Imports a flow document exported by `exportFlow` (a .json file) and opens it. */
export function ImportFlowButton() {
  const input = useRef<HTMLInputElement>(null);
  const [, importFlow] = useMutation(ImportFlowMutation);
  const [error, setError] = useState<string>();
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      const result = await importFlow({ document: JSON.parse(await file.text()) as unknown });
      if (result.data) navigate(`/flows/${result.data.importFlow.id}`);
      else setError(errorMessage(result.error));
    } catch (e) {
      setError(`Not a flow document: ${(e as Error).message}`);
    }
  };
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} data-testid="import-flow">Import</button>
      <input ref={input} type="file" accept="application/json,.json" hidden onChange={(e) => void onFile(e)} data-testid="import-flow-file" aria-label="Flow file to import" />
      {error && <span role="alert" className="error">{error}</span>}
    </>
  );
}
