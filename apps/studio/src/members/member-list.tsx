import type { MemberFieldsFragment } from '../generated/graphql';
import { errorCode, errorMessage } from '../graphql/errors';
import { ROLES, roleLabel } from './role-label';
import type { MemberChanges } from './use-member-changes';

interface MemberListProps {
  readonly members: readonly MemberFieldsFragment[];
  /** The signed-in user, marked "(you)". */
  readonly myUserId: string | undefined;
  /** Whose personal workspace this is: they cannot be removed, so their row offers no Remove. */
  readonly personalOwnerId?: string | undefined;
  readonly busy: boolean;
  /** For owners: every row gets a role picker, and everyone else's (but the personal owner's) a Remove button. */
  readonly manage?: MemberChanges;
}

/** The picked option's value is one of `ROLES`; anything else is ignored rather than cast. */
function changeRole(manage: MemberChanges, userId: string, value: string): void {
  const role = ROLES.find((r) => r === value);
  if (role) void manage.changeRole(userId, role);
}

/** The workspace's members with their roles, oldest member first. */
export function MemberList({ members, myUserId, personalOwnerId, busy, manage }: MemberListProps) {
  const onRemove = (member: MemberFieldsFragment) => {
    if (!manage || !window.confirm(`Remove ${member.user.name} (${member.user.email}) from this workspace? They lose access at once.`)) return;
    void manage.remove(member.user.id);
  };
  return (
    <>
      {manage?.error && (
        <p role="alert" className="error" data-testid="member-change-error" data-code={errorCode(manage.error)}>{errorMessage(manage.error)}</p>
      )}
      <table className="table" data-testid="member-list" aria-label="Members" aria-busy={busy || manage?.busy}>
        <thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Joined</th>{manage && <th><span className="sr-only">Actions</span></th>}</tr></thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.user.id} data-testid={`member-${m.user.id}`}>
              <td>{m.user.name}{m.user.id === myUserId && <span className="muted"> (you)</span>}</td>
              <td>{m.user.email}</td>
              <td>
                {manage ? (
                  <select
                    value={m.role}
                    onChange={(e) => changeRole(manage, m.user.id, e.target.value)}
                    disabled={manage.busy}
                    aria-label={`Role of ${m.user.name} (${m.user.email})`}
                    data-testid="member-role-select"
                  >
                    {ROLES.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
                  </select>
                ) : (
                  <span className="badge" data-testid="member-role">{roleLabel(m.role)}</span>
                )}
              </td>
              <td><time dateTime={m.joinedAt}>{new Date(m.joinedAt).toLocaleDateString()}</time></td>
              {manage && (
                <td className="row-actions">
                  {m.user.id !== myUserId && m.user.id !== personalOwnerId && (
                    <button type="button" onClick={() => onRemove(m)} disabled={manage.busy} aria-label={`Remove ${m.user.name} (${m.user.email})`} data-testid="remove-member">
                      Remove
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
