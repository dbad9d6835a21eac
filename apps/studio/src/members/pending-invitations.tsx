import { useMutation, useQuery } from 'urql';
import { INVITATION_TYPES, RevokeInvitationMutation, WorkspaceInvitationsQuery } from '../documents/members';
import { errorMessage } from '../graphql/errors';
import { roleLabel } from './role-label';
import { timeUntil } from './time-until';

/** For owners: the invitations nobody has accepted yet, each revocable until it is accepted. */
export function PendingInvitations({ workspaceId }: { workspaceId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: WorkspaceInvitationsQuery,
    variables: { workspaceId },
    context: INVITATION_TYPES,
    requestPolicy: 'cache-and-network',
  });
  const [revoked, revoke] = useMutation(RevokeInvitationMutation);
  const invitations = data?.workspaceInvitations ?? [];
  const onRevoke = async (id: string) => {
    // Refetched either way: an invitation accepted meanwhile answers NOT_FOUND and must leave the list too.
    await revoke({ id });
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <section className="card" aria-labelledby="pending-title">
      <h2 id="pending-title">Pending invitations</h2>
      {(error ?? revoked.error) && <p role="alert" className="error">{errorMessage(error ?? revoked.error)}</p>}
      {invitations.length > 0 && (
        <table className="table" data-testid="pending-invitations" aria-labelledby="pending-title" aria-busy={fetching}>
          <thead><tr><th>Email</th><th>Role</th><th>Invited</th><th>Expires</th><th><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id} data-testid={`pending-invitation-${i.id}`}>
                <td>{i.email}</td>
                <td>{roleLabel(i.role)}</td>
                <td><time dateTime={i.invitedAt}>{new Date(i.invitedAt).toLocaleString()}</time></td>
                <td><time dateTime={i.expiresAt} title={new Date(i.expiresAt).toLocaleString()}>{timeUntil(i.expiresAt)}</time></td>
                <td>
                  <button type="button" onClick={() => void onRevoke(i.id)} disabled={revoked.fetching} aria-label={`Revoke the invitation of ${i.email}`} data-testid="revoke-invitation">
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!fetching && invitations.length === 0 && <p className="muted" data-testid="no-pending-invitations">No pending invitations.</p>}
    </section>
  );
}
