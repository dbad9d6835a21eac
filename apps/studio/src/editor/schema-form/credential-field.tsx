import { useState } from 'react';
import { useQuery } from 'urql';
import { CredentialForm } from '../../credentials/credential-form';
import { CredentialsQuery } from '../../documents/credentials';
import { Dialog } from '../../ui/dialog';
import { fieldId, type FieldProps } from './field-props';
import { FieldLabel } from './field-label';

const CREATE_NEW = '__create_new__';

/**
 * A node field naming a credential (`widget: "credential"` in the catalog): a picker of the
 * workspace's credentials of the types the field accepts (`credentialTypes`), with "Create new…".
 */
export function CredentialField(props: FieldProps<string>) {
  const { path, schema, value, onChange } = props;
  const id = fieldId(path);
  const accepted = schema.credentialTypes ?? [];
  const [{ data }, refetch] = useQuery({ query: CredentialsQuery, requestPolicy: 'cache-and-network' });
  const [creating, setCreating] = useState(false);
  const matching = (data?.credentials ?? []).filter((c) => accepted.length === 0 || accepted.includes(c.type));
  const known = value === undefined || matching.some((c) => c.name === value);
  return (
    <FieldLabel {...props}>
      <select
        id={id}
        aria-describedby={`${id}-help`}
        data-testid={id}
        value={value ?? ''}
        onChange={(e) => {
          if (e.target.value === CREATE_NEW) setCreating(true);
          else onChange(e.target.value === '' ? undefined : e.target.value);
        }}
      >
        <option value="">(none)</option>
        {!known && <option value={value}>{value} (not found)</option>}
        {matching.map((c) => <option key={c.id} value={c.name}>{c.name} ({c.type})</option>)}
        <option value={CREATE_NEW}>Create new…</option>
      </select>
      {creating && (
        <Dialog title="New credential" onClose={() => setCreating(false)} testId="create-credential-dialog">
          <CredentialForm
            types={accepted}
            onCancel={() => setCreating(false)}
            onSaved={(saved) => {
              setCreating(false);
              refetch({ requestPolicy: 'network-only' });
              onChange(saved.name);
            }}
          />
        </Dialog>
      )}
    </FieldLabel>
  );
}
