import type { FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { CredentialsQuery } from '../documents/credentials';
import { ConfigureAiProviderMutation } from '../documents/intelligence';
import type { AiProviderKind } from '../generated/graphql';
import { errorMessage } from '../graphql/errors';

const KINDS: AiProviderKind[] = ['OPENAI_COMPATIBLE', 'ANTHROPIC', 'GEMINI'];
const list = (value: FormDataEntryValue | null) => String(value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** Adds or updates a provider; the API key is write-only (never shown again). */
export function AiProviderForm({ onSaved }: { onSaved: () => void }) {
  const [state, configure] = useMutation(ConfigureAiProviderMutation);
  const [{ data: credentials }] = useQuery({ query: CredentialsQuery, requestPolicy: 'cache-and-network' });
  const keys = credentials?.credentials.filter((c) => c.type === 'AI_PROVIDER_KEY') ?? [];
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await configure({
      input: {
        name: String(form.get('name')),
        kind: form.get('kind') as AiProviderKind,
        baseUrl: String(form.get('baseUrl') ?? '') || undefined,
        apiKey: String(form.get('apiKey') ?? '') || undefined,
        apiKeyCredential: String(form.get('apiKeyCredential') ?? '') || undefined,
        models: list(form.get('models')),
        taskTypes: list(form.get('taskTypes')),
        priority: Number(form.get('priority') ?? 0),
      },
    });
    if (result.data) onSaved();
  };
  return (
    <form className="card form-grid" onSubmit={(e) => void onSubmit(e)} aria-labelledby="provider-form-title" data-testid="ai-provider-form">
      <h2 id="provider-form-title">Configure a provider</h2>
      <label>Name <input name="name" required /></label>
      <label>Kind <select name="kind">{KINDS.map((k) => <option key={k} value={k}>{k.toLowerCase()}</option>)}</select></label>
      <label>Base URL <input name="baseUrl" type="url" placeholder="https://api.example.com/v1" /></label>
      <label>API key <input name="apiKey" type="password" autoComplete="off" /></label>
      <label>
        or a credential{' '}
        <select name="apiKeyCredential" data-testid="ai-provider-credential">
          <option value="">(none: use the API key)</option>
          {keys.map((c) => <option key={c.id} value={c.name}>{c.name}</option>)}
        </select>
      </label>
      <label>Models <input name="models" required placeholder="model-a, model-b" /></label>
      <label>Task types <input name="taskTypes" placeholder="summarize, classify" /></label>
      <label>Priority <input name="priority" type="number" defaultValue={0} /></label>
      <button type="submit" className="primary" disabled={state.fetching}>Save provider</button>
      {state.error && <p role="alert" className="error">{errorMessage(state.error)}</p>}
    </form>
  );
}
