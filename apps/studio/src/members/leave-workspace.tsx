import { errorCode, errorMessage } from '../graphql/errors';
import { useLeaveWorkspace } from './use-leave-workspace';

interface LeaveWorkspaceProps {
  readonly workspace: { readonly id: string; readonly name: string };
  readonly userId: string;
}

/**
 * "Leave workspace", after a confirmation. Offered in every workspace but the user's own personal
 * one; a refusal (the last owner must hand over first) shows the server's code and message.
 */
export function LeaveWorkspace({ workspace, userId }: LeaveWorkspaceProps) {
  const { busy, error, leave } = useLeaveWorkspace(workspace.id, userId);
  const onLeave = () => {
    if (!window.confirm(`Leave ${workspace.name}? You lose access to its flows and runs at once; only an owner's invitation brings you back.`)) return;
    void leave();
  };
  return (
    <section className="card" aria-labelledby="leave-title">
      <h2 id="leave-title">Leave this workspace</h2>
      {error && (
        <p role="alert" className="error" data-testid="leave-workspace-error" data-code={errorCode(error)}>{errorMessage(error)}</p>
      )}
      <button type="button" onClick={onLeave} disabled={busy} data-testid="leave-workspace">
        Leave {workspace.name}
      </button>
    </section>
  );
}
