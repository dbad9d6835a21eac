import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useSwitchWorkspace } from '../app/use-switch-workspace';
import { INVITATION_TYPES, AcceptInvitationMutation, MyInvitationsQuery } from '../documents/members';
import { errorMessage } from '../graphql/errors';
import { roleLabel } from './role-label';
import { timeUntil } from './time-until';

/**
 * The signed-in user's invitations into other workspaces (hidden when there are none). Accepting
 * joins the workspace (the switcher lists it at once: the answer is a `Workspace`, which
 * refreshes every query that read one) and offers to switch there.
 */
export function MyInvitations() {
  const [{ data, error }, refetch] = useQuery({ query: MyInvitationsQuery, context: INVITATION_TYPES, requestPolicy: 'cache-and-network' });
  const [accepted, accept] = useMutation(AcceptInvitationMutation);
  const [switching, switchTo] = useSwitchWorkspace();
  const [joined, setJoined] = useState<{ id: string; name: string }>();
  const invitations = data?.myInvitations ?? [];
  const onAccept = async (id: string) => {
    const result = await accept({ id });
    if (result.data) setJoined(result.data.acceptInvitation);
    // An invitation revoked or expired meanwhile answers NOT_FOUND: show the list as it is now.
    else refetch({ requestPolicy: 'network-only' });
  };
  const problem = error ?? accepted.error ?? switching.error;
  if (invitations.length === 0 && !joined && !problem) return null;
  return (
    <section className="card" aria-labelledby="my-invitations-title" data-testid="my-invitations">
      <h2 id="my-invitations-title">Invitations for you</h2>
      {problem && <p role="alert" className="error">{errorMessage(problem)}</p>}
      {joined && (
        <p role="status" data-testid="joined-workspace">
          You joined {joined.name}.{' '}
          <button type="button" className="primary" onClick={() => void switchTo(joined.id, '/members')} disabled={switching.fetching} data-testid="switch-to-joined">
            Switch to {joined.name}
          </button>
        </p>
      )}
      {invitations.length > 0 && (
        <table className="table" aria-labelledby="my-invitations-title">
          <thead><tr><th>Workspace</th><th>Role</th><th>Expires</th><th><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id} data-testid={`my-invitation-${i.id}`}>
                <td>{i.workspace.name}</td>
                <td>{roleLabel(i.role)}</td>
                <td><time dateTime={i.expiresAt} title={new Date(i.expiresAt).toLocaleString()}>{timeUntil(i.expiresAt)}</time></td>
                <td>
                  <button type="button" onClick={() => void onAccept(i.id)} disabled={accepted.fetching} aria-label={`Accept the invitation to ${i.workspace.name}`} data-testid="accept-invitation">
                    Accept
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
