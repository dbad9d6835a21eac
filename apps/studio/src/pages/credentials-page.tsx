import { useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { CredentialForm } from '../credentials/credential-form';
import { CredentialsQuery, DeleteCredentialMutation, FlowsUsingCredentialQuery, TestCredentialMutation } from '../documents/credentials';
import type { CredentialType } from '../generated/graphql';
import { errorMessage } from '../graphql/errors';
import { Dialog } from '../ui/dialog';

interface Listed {
  readonly id: string;
  readonly name: string;
  readonly type: CredentialType;
}

/** `/credentials`: the workspace's credentials (names and types; values are never shown), create, test, rotate, delete. */
export default function CredentialsPage() {
  const client = useClient();
  const [{ data, error }, refetch] = useQuery({ query: CredentialsQuery, requestPolicy: 'cache-and-network' });
  const [, test] = useMutation(TestCredentialMutation);
  const [removed, remove] = useMutation(DeleteCredentialMutation);
  const [editing, setEditing] = useState<Listed | 'new'>();
  const [results, setResults] = useState<Record<string, { ok: boolean; code: string; message: string }>>({});
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const onTest = async (id: string) => {
    const result = await test({ id });
    const answer = result.data?.testCredential ?? { ok: false, code: 'ERROR', message: errorMessage(result.error) ?? 'Test failed' };
    setResults((all) => ({ ...all, [id]: answer }));
  };
  const onDelete = async (credential: Listed) => {
    const usage = await client.query(FlowsUsingCredentialQuery, { name: credential.name }, { requestPolicy: 'network-only' }).toPromise();
    const flows = usage.data?.flowsUsingCredential.map((flow) => flow.name) ?? [];
    const warning = flows.length > 0 ? `These flows use it and will fail until a credential of that name exists again:\n- ${flows.join('\n- ')}\n\n` : '';
    if (!window.confirm(`${warning}Delete credential "${credential.name}"?`)) return;
    await remove({ id: credential.id });
    reload();
  };
  return (
    <section className="page" aria-labelledby="credentials-title">
      <h1 id="credentials-title">Credentials</h1>
      <p className="muted">Secrets for HTTP, database and AI nodes. Nodes name a credential; its values are encrypted and never shown again.</p>
      <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="new-credential">New credential</button>
      {error && <p role="alert" className="error">{errorMessage(error)}</p>}
      {removed.error && <p role="alert" className="error">{errorMessage(removed.error)}</p>}
      <table className="table" data-testid="credential-list">
        <thead><tr><th>Name</th><th>Type</th><th>Last used</th><th>Test</th><th><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {data?.credentials.map((c) => (
            <tr key={c.id} data-testid={`credential-${c.name}`}>
              <td>{c.name}</td>
              <td>{c.type}</td>
              <td>{c.lastUsedAt ? new Date(c.lastUsedAt).toLocaleString() : 'never'}</td>
              <td data-testid="credential-test-result">{results[c.id] && <span className={results[c.id]!.ok ? 'ok' : 'error'}>{results[c.id]!.ok ? 'OK' : results[c.id]!.code}: {results[c.id]!.message}</span>}</td>
              <td>
                <button type="button" onClick={() => void onTest(c.id)} data-testid="test-credential">Test</button>{' '}
                <button type="button" onClick={() => setEditing(c)} data-testid="rotate-credential">Edit / rotate</button>{' '}
                <button type="button" onClick={() => void onDelete(c)} data-testid="delete-credential">Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <Dialog title={editing === 'new' ? 'New credential' : `Edit ${editing.name}`} onClose={() => setEditing(undefined)} testId="credential-dialog">
          <CredentialForm
            {...(editing === 'new' ? {} : { existing: editing })}
            onCancel={() => setEditing(undefined)}
            onSaved={() => {
              setEditing(undefined);
              reload();
            }}
          />
        </Dialog>
      )}
    </section>
  );
}
