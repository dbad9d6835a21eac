import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { InviteMemberMutation } from '../documents/members';
import type { WorkspaceRole } from '../generated/graphql';
import { errorMessage } from '../graphql/errors';
import { ROLES, roleLabel } from './role-label';

/**
 * Owners invite an email address with a role. The invitation waits for whoever signs in with that
 * email (now or after signing up); the answer is the same whether or not it has an account yet.
 */
export function InviteMemberForm({ workspaceId }: { workspaceId: string }) {
  const [state, invite] = useMutation(InviteMemberMutation);
  const [sent, setSent] = useState<string>();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setSent(undefined);
    const result = await invite({ workspaceId, email: String(form.get('email')), role: form.get('role') as WorkspaceRole });
    const invitation = result.data?.inviteMember;
    if (!invitation) return;
    setSent(`Invited ${invitation.email} as ${roleLabel(invitation.role)}: they will find the invitation on their Members page once signed in.`);
    formElement.reset();
  };
  return (
    <form className="card form-grid" onSubmit={(e) => void onSubmit(e)} aria-labelledby="invite-title" data-testid="invite-member-form">
      <h2 id="invite-title">Invite someone</h2>
      <label>Email <input name="email" type="email" required autoComplete="off" data-testid="invite-email" /></label>
      <label>
        Role
        <select name="role" defaultValue="VIEWER" data-testid="invite-role">
          {ROLES.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
        </select>
      </label>
      <button type="submit" className="primary" disabled={state.fetching} data-testid="invite-submit">Invite</button>
      {state.error && <p role="alert" className="error" data-testid="invite-error">{errorMessage(state.error)}</p>}
      <p role="status" data-testid="invite-sent">{sent}</p>
    </form>
  );
}
