import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { InviteMemberMutation } from '../documents/members';
import type { WorkspaceRole } from '../generated/graphql';
import { errorMessage } from '../graphql/errors';
import { invitationLink } from './invitation-link';
import { InvitationLinkBox } from './invitation-link-box';
import { ROLES, roleLabel } from './role-label';

/**
 * Owners invite an email address with a role. The answer is the same whether or not the address
 * has an account yet, and carries the link that accepts the invitation, shown here once.
 */
export function InviteMemberForm({ workspaceId }: { workspaceId: string }) {
  const [state, invite] = useMutation(InviteMemberMutation);
  const [sent, setSent] = useState<{ email: string; role: WorkspaceRole; link: string }>();
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setSent(undefined);
    const result = await invite({ workspaceId, email: String(form.get('email')), role: form.get('role') as WorkspaceRole });
    const created = result.data?.inviteMember;
    if (!created) return;
    setSent({ email: created.invitation.email, role: created.invitation.role, link: invitationLink(created.token, window.location.origin) });
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
      <p role="status" data-testid="invite-sent">{sent && `Invited ${sent.email} as ${roleLabel(sent.role)}.`}</p>
      {sent && <InvitationLinkBox email={sent.email} link={sent.link} onDone={() => setSent(undefined)} />}
    </form>
  );
}
