import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { CreateCredentialMutation, CredentialTypesQuery, UpdateCredentialMutation } from '../documents/credentials';
import type { CredentialType } from '../generated/graphql';
import { errorMessage } from '../graphql/errors';
import { asSchema } from '../editor/schema-form/json-schema';
import { SchemaFields } from '../editor/schema-form/schema-fields';

interface CredentialFormProps {
  /** Types offered (a node's picker limits them); all when absent. */
  readonly types?: readonly string[];
  /** Rotating or renaming an existing credential: its secret fields left empty keep their values. */
  readonly existing?: { readonly id: string; readonly name: string; readonly type: CredentialType };
  readonly onSaved: (saved: { id: string; name: string; type: CredentialType }) => void;
  readonly onCancel: () => void;
}

/** Create or update a credential, its fields drawn from the type's JSON schema as served by `credentialTypes`. */
export function CredentialForm({ types, existing, onSaved, onCancel }: CredentialFormProps) {
  const [{ data, error: typesError }] = useQuery({ query: CredentialTypesQuery });
  const offered = useMemo(() => (data?.credentialTypes ?? []).filter((t) => !types || types.includes(t.type)), [data, types]);
  const [type, setType] = useState<CredentialType | undefined>(existing?.type);
  const [name, setName] = useState(existing?.name ?? '');
  const [fields, setFields] = useState<Record<string, unknown>>({});
  const [created, create] = useMutation(CreateCredentialMutation);
  const [updated, update] = useMutation(UpdateCredentialMutation);
  const chosen = offered.find((t) => t.type === (type ?? offered[0]?.type));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    const input = { name, type: chosen.type, fields };
    const result = existing ? await update({ id: existing.id, input }) : await create({ input });
    const saved = result.data && ('updateCredential' in result.data ? result.data.updateCredential : result.data.createCredential);
    if (saved) onSaved(saved);
  };
  const error = typesError ?? created.error ?? updated.error;
  return (
    <form className="credential-form" onSubmit={(e) => void onSubmit(e)} data-testid="credential-form">
      <label>Name <input value={name} onChange={(e) => setName(e.target.value)} required data-testid="credential-name" /></label>
      <label>
        Type{' '}
        <select value={chosen?.type ?? ''} onChange={(e) => { setType(e.target.value as CredentialType); setFields({}); }} disabled={Boolean(existing)} data-testid="credential-type">
          {offered.map((t) => <option key={t.type} value={t.type}>{t.type}</option>)}
        </select>
      </label>
      {existing && chosen && chosen.secretFields.length > 0 && (
        <p className="muted">Stored secrets ({chosen.secretFields.join(', ')}) are kept unless you type new ones: that is how a secret is rotated.</p>
      )}
      {chosen && <SchemaFields schema={asSchema(chosen.fieldsSchema)} value={fields} onChange={setFields} path="credential" />}
      {error && <p role="alert" className="error" data-testid="credential-error">{errorMessage(error)}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={created.fetching || updated.fetching} data-testid="credential-save">{existing ? 'Save' : 'Create credential'}</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
