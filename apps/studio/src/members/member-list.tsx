import type { MemberFieldsFragment } from '../generated/graphql';
import { roleLabel } from './role-label';

interface MemberListProps {
  readonly members: readonly MemberFieldsFragment[];
  /** The signed-in user, marked "(you)". */
  readonly myUserId: string | undefined;
  readonly busy: boolean;
}

/** The workspace's members with their roles, oldest member first. */
export function MemberList({ members, myUserId, busy }: MemberListProps) {
  return (
    <table className="table" data-testid="member-list" aria-label="Members" aria-busy={busy}>
      <thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Joined</th></tr></thead>
      <tbody>
        {members.map((m) => (
          <tr key={m.user.id} data-testid={`member-${m.user.id}`}>
            <td>{m.user.name}{m.user.id === myUserId && <span className="muted"> (you)</span>}</td>
            <td>{m.user.email}</td>
            <td><span className="badge" data-testid="member-role">{roleLabel(m.role)}</span></td>
            <td><time dateTime={m.joinedAt}>{new Date(m.joinedAt).toLocaleDateString()}</time></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
