import { useState } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { ChangeMemberRoleMutation, MEMBER_TYPES, RemoveMemberMutation } from '../documents/members';
import type { WorkspaceRole } from '../generated/graphql';

/** What owners can do to the members of a workspace, and how the last attempt went. */
export interface MemberChanges {
  readonly busy: boolean;
  /** The last change's error (cleared by the next change): the server's CONFLICT for the last owner, say. */
  readonly error: CombinedError | undefined;
  changeRole(userId: string, role: WorkspaceRole): Promise<void>;
  remove(userId: string): Promise<void>;
}

/**
 * Role changes and removals in `workspaceId`. The server decides what is allowed (only owners; a
 * workspace keeps one owner), so a refused change shows its error and the list stays as it was.
 */
export function useMemberChanges(workspaceId: string): MemberChanges {
  const [changing, changeRole] = useMutation(ChangeMemberRoleMutation);
  const [removing, removeMember] = useMutation(RemoveMemberMutation);
  const [error, setError] = useState<CombinedError>();
  return {
    busy: changing.fetching || removing.fetching,
    error,
    changeRole: async (userId, role) => setError((await changeRole({ workspaceId, userId, role }, MEMBER_TYPES)).error),
    remove: async (userId) => setError((await removeMember({ workspaceId, userId }, MEMBER_TYPES)).error),
  };
}
