import { useQuery } from 'urql';
import { useSession } from '../auth/use-session';
import { WorkspaceMembersQuery } from '../documents/members';
import { errorMessage } from '../graphql/errors';
import { InviteMemberForm } from '../members/invite-member-form';
import { LeaveWorkspace } from '../members/leave-workspace';
import { MemberList } from '../members/member-list';
import { MyInvitations } from '../members/my-invitations';
import { PendingInvitations } from '../members/pending-invitations';
import { useMemberChanges } from '../members/use-member-changes';

/**
 * `/members`: the current workspace's members and roles; owners change roles, remove members,
 * invite by email and revoke pending invitations; everyone sees and accepts the invitations
 * waiting for them, and may leave any workspace but their own personal one.
 */
export default function MembersPage() {
  const session = useSession();
  const workspaceId = session?.workspace.id ?? '';
  const [{ data, error, fetching }] = useQuery({
    query: WorkspaceMembersQuery,
    variables: { id: workspaceId },
    pause: !workspaceId,
    requestPolicy: 'cache-and-network',
  });
  const workspace = data?.workspace;
  const changes = useMemberChanges(workspaceId);
  const myUserId = session?.user.id;
  const personalOwnerId = workspace?.personalOwner?.id;
  return (
    <section className="page" aria-labelledby="members-title">
      <h1 id="members-title">Members{workspace && <span className="muted"> of {workspace.name}</span>}</h1>
      <MyInvitations />
      {error && <p role="alert" className="error">{errorMessage(error)}</p>}
      <MemberList
        members={workspace?.members ?? []}
        myUserId={myUserId}
        personalOwnerId={personalOwnerId}
        busy={fetching}
        manage={workspace?.myRole === 'OWNER' ? changes : undefined}
      />
      {workspace?.myRole === 'OWNER' && (
        <>
          <InviteMemberForm workspaceId={workspace.id} />
          <PendingInvitations workspaceId={workspace.id} />
        </>
      )}
      {workspace && myUserId && personalOwnerId !== myUserId && <LeaveWorkspace workspace={workspace} userId={myUserId} />}
    </section>
  );
}
