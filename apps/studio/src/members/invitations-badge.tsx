import { useCallback } from 'react';
import { useQuery } from 'urql';
import { usePolling } from '../app/use-polling';
import { INVITATION_TYPES, MyInvitationsQuery } from '../documents/members';
import { Link } from '../router/link';

/** How often the header asks whether new invitations arrived (only while the tab is visible). */
const REFRESH_EVERY_MS = 60_000;

/**
 * In the header: how many invitations wait for the signed-in user, linking to the Members page
 * that lists them (each is accepted with the link the inviter sent); nothing when there are none.
 * Accepting one answers a `Workspace`, which every invitation query reads, so the count refreshes.
 */
export function InvitationsBadge() {
  const [{ data }, refetch] = useQuery({ query: MyInvitationsQuery, context: INVITATION_TYPES });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  usePolling(refresh, { everyMs: REFRESH_EVERY_MS, onlyWhileVisible: true });
  const count = data?.myInvitations.length ?? 0;
  if (count === 0) return null;
  return (
    <Link href="/members" className="badge invitations-badge" title="Invitations waiting for you: accept each with the link the inviter sent you" data-testid="invitations-badge">
      {count === 1 ? '1 invitation' : `${count} invitations`}
    </Link>
  );
}
