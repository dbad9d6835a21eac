import { useState } from 'react';
import { useClient, useMutation, type CombinedError } from 'urql';
import { useSwitchWorkspace } from '../app/use-switch-workspace';
import { sessionStore } from '../auth/session-store';
import { RemainingWorkspacesQuery, RemoveMemberMutation } from '../documents/members';
import { navigate } from '../router/location';
import { workspaceAfterLeaving } from './workspace-after-leaving';

/** Leaving the current workspace, and how the last attempt went. */
export interface LeaveWorkspace {
  readonly busy: boolean;
  /** The server's refusal (CONFLICT for the last owner or a personal workspace's owner), or a failed switch. */
  readonly error: CombinedError | undefined;
  leave(): Promise<void>;
}

/**
 * Leaving is `removeMember` with the user's own id; the server decides whether they may. Once out,
 * the studio switches to a workspace they still belong to (see `workspaceAfterLeaving`), which
 * reloads the page; with none left, the user is signed out.
 */
export function useLeaveWorkspace(workspaceId: string, userId: string): LeaveWorkspace {
  const client = useClient();
  const [removing, removeMember] = useMutation(RemoveMemberMutation);
  const [switching, switchTo] = useSwitchWorkspace();
  const [error, setError] = useState<CombinedError>();
  const [finding, setFinding] = useState(false);
  const leave = async () => {
    const left = await removeMember({ workspaceId, userId });
    setError(left.error);
    if (left.error) return;
    setFinding(true);
    const remaining = await client.query(RemainingWorkspacesQuery, {}, { requestPolicy: 'network-only' }).toPromise();
    setFinding(false);
    if (remaining.error) return setError(remaining.error);
    const next = workspaceAfterLeaving(remaining.data?.workspaces ?? [], workspaceId, userId);
    if (next) return setError(await switchTo(next.id));
    sessionStore.set(null);
    navigate('/sign-in');
  };
  return { busy: removing.fetching || finding || switching.fetching, error, leave };
}
