import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useSwitchWorkspace } from '../app/use-switch-workspace';
import { useSession } from '../auth/use-session';
import { AcceptInvitationMutation, INVITATION_TYPES, InvitationByTokenQuery } from '../documents/members';
import { errorMessage } from '../graphql/errors';
import { ACCEPT_INVITATION_PATH, invitationTokenOf } from './invitation-link';
import { roleLabel } from './role-label';
import { timeUntil } from './time-until';

/**
 * What an invitation link opens: the invitation its token names, if it was sent to the signed-in
 * user's email, and a button to accept it. Nothing is accepted by merely opening the link (a
 * preview or a prefetch must not use it up). Once accepted, offers to switch there.
 */
export function AcceptInvitation() {
  // Read once: the fragment is dropped from the address bar after accepting.
  const [token] = useState(() => invitationTokenOf(window.location.hash));
  const email = useSession()?.user.email;
  const [{ data, error, fetching }] = useQuery({
    query: InvitationByTokenQuery,
    variables: { token: token ?? '' },
    pause: !token,
    context: INVITATION_TYPES,
    requestPolicy: 'network-only',
  });
  const [accepted, accept] = useMutation(AcceptInvitationMutation);
  const [switching, switchTo] = useSwitchWorkspace();
  const [joined, setJoined] = useState<{ id: string; name: string }>();
  const onAccept = async () => {
    if (!token) return;
    const result = await accept({ token });
    if (!result.data) return;
    setJoined(result.data.acceptInvitation);
    history.replaceState(null, '', ACCEPT_INVITATION_PATH); // the token is used up: keep it out of history
  };
  const invitation = data?.invitationByToken;
  const problem = error ?? accepted.error ?? switching.error;
  return (
    <section className="card" aria-labelledby="accept-title" data-testid="accept-invitation-page">
      <h1 id="accept-title">Invitation</h1>
      {problem && <p role="alert" className="error" data-testid="accept-invitation-error">{errorMessage(problem)}</p>}
      {joined ? (
        <p role="status" data-testid="joined-workspace">
          You joined {joined.name}.{' '}
          <button type="button" className="primary" onClick={() => void switchTo(joined.id, '/members')} disabled={switching.fetching} data-testid="switch-to-joined">
            Switch to {joined.name}
          </button>
        </p>
      ) : !token ? (
        <p data-testid="invitation-invalid">This link carries no invitation. Open the link exactly as you received it.</p>
      ) : !data ? (
        fetching && <p className="loading">Loading…</p>
      ) : invitation ? (
        <>
          <p data-testid="invitation-summary">
            You are invited to join <strong>{invitation.workspace.name}</strong> as {roleLabel(invitation.role)}. The invitation expires{' '}
            <time dateTime={invitation.expiresAt}>{timeUntil(invitation.expiresAt)}</time>.
          </p>
          <button type="button" className="primary" onClick={() => void onAccept()} disabled={accepted.fetching} data-testid="accept-invitation">
            Accept and join {invitation.workspace.name}
          </button>
        </>
      ) : (
        <p data-testid="invitation-invalid">
          This invitation link does not work for {email}: it was used, revoked or replaced by a newer one, it expired, or it was sent to
          another address. Sign in with the address it was sent to, or ask for a new link.
        </p>
      )}
    </section>
  );
}
