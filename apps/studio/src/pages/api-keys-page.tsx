import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { ApiKeysQuery, CreateApiKeyMutation, RevokeApiKeyMutation } from '../documents/auth';
import type { ApiKeyScope } from '../generated/graphql';
import { errorMessage } from '../graphql/errors';

const SCOPES: ApiKeyScope[] = ['FLOWS_READ', 'FLOWS_WRITE', 'EXECUTIONS_RUN', 'EXECUTIONS_READ', 'AI_READ', 'AI_WRITE'];

/** `/api-keys`: create a key (its secret is shown once), list and revoke. */
export default function ApiKeysPage() {
  const [{ data, error }, refetch] = useQuery({ query: ApiKeysQuery, requestPolicy: 'cache-and-network' });
  const [created, create] = useMutation(CreateApiKeyMutation);
  const [, revoke] = useMutation(RevokeApiKeyMutation);
  const [secret, setSecret] = useState<string>();
  const [copied, setCopied] = useState(false);
  const onCreate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const scopes = SCOPES.filter((s) => form.get(s) === 'on');
    const result = await create({ input: { name: String(form.get('name')), scopes } });
    if (!result.data) return;
    setSecret(result.data.createApiKey.secret);
    setCopied(false);
    event.currentTarget?.reset();
    refetch({ requestPolicy: 'network-only' });
  };
  const onRevoke = async (id: string) => {
    if (!window.confirm('Revoke this key? Clients using it stop working at once.')) return;
    await revoke({ id });
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <section className="page" aria-labelledby="keys-title">
      <h1 id="keys-title">API keys</h1>
      <form className="card inline-form" onSubmit={(e) => void onCreate(e)} data-testid="create-api-key-form">
        <label>Name <input name="name" required data-testid="api-key-name" /></label>
        <fieldset>
          <legend>Scopes</legend>
          {SCOPES.map((s) => <label key={s} className="check"><input type="checkbox" name={s} defaultChecked={s.endsWith('READ')} /> {s.toLowerCase().replace('_', ':')}</label>)}
        </fieldset>
        <button type="submit" className="primary" disabled={created.fetching} data-testid="create-api-key">Create key</button>
        {created.error && <p role="alert" className="error">{errorMessage(created.error)}</p>}
      </form>
      {secret && (
        <div className="card secret" role="status" data-testid="api-key-secret-box">
          <p>Copy this secret now: it is not shown again.</p>
          <code data-testid="api-key-secret">{secret}</code>{' '}
          {/* The clipboard API exists only on HTTPS or localhost; elsewhere the secret is selectable text. */}
          {navigator.clipboard && <button type="button" onClick={() => void navigator.clipboard.writeText(secret).then(() => setCopied(true))} data-testid="copy-api-key">{copied ? 'Copied' : 'Copy'}</button>}{' '}
          <button type="button" onClick={() => setSecret(undefined)}>Done</button>
        </div>
      )}
      {error && <p role="alert" className="error">{errorMessage(error)}</p>}
      <table className="table" data-testid="api-key-list">
        <thead><tr><th>Name</th><th>Key</th><th>Scopes</th><th>Last used</th><th><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {data?.apiKeys.map((k) => (
            <tr key={k.id} data-testid={`api-key-${k.id}`}>
              <td>{k.name}</td><td><code>{k.displayPrefix}…</code></td><td>{k.scopes.join(', ').toLowerCase()}</td>
              <td>{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : 'never'}</td>
              <td><button type="button" onClick={() => void onRevoke(k.id)} data-testid="revoke-api-key">Revoke</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
