import { useQuery } from 'urql';
import { INVITATION_TYPES, MyInvitationsQuery } from '../documents/members';
import { errorMessage } from '../graphql/errors';
import { roleLabel } from './role-label';
import { timeUntil } from './time-until';

/**
 * The invitations waiting for the signed-in user's email (hidden when there are none), so they
 * know to look for the link. They are accepted only by opening the link the inviter sent: an
 * email address alone proves nothing here (addresses are not verified), the link's token does.
 */
export function MyInvitations() {
  const [{ data, error }] = useQuery({ query: MyInvitationsQuery, context: INVITATION_TYPES, requestPolicy: 'cache-and-network' });
  const invitations = data?.myInvitations ?? [];
  if (invitations.length === 0 && !error) return null;
  return (
    <section className="card" aria-labelledby="my-invitations-title" data-testid="my-invitations">
      <h2 id="my-invitations-title">Invitations for you</h2>
      {error && <p role="alert" className="error">{errorMessage(error)}</p>}
      <p className="muted" data-testid="my-invitations-how">
        To join, open the invitation link the person who invited you sent you. No link? Ask them to invite you again: that makes a new one.
      </p>
      {invitations.length > 0 && (
        <table className="table" aria-labelledby="my-invitations-title">
          <thead><tr><th>Workspace</th><th>Role</th><th>Expires</th></tr></thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id} data-testid={`my-invitation-${i.id}`}>
                <td>{i.workspace.name}</td>
                <td>{roleLabel(i.role)}</td>
                <td><time dateTime={i.expiresAt} title={new Date(i.expiresAt).toLocaleString()}>{timeUntil(i.expiresAt)}</time></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
