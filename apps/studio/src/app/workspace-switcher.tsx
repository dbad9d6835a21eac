import { useQuery } from 'urql';
import { useSession } from '../auth/use-session';
import { WorkspacesQuery } from '../documents/auth';
import { roleLabel } from '../members/role-label';
import { useSwitchWorkspace } from './use-switch-workspace';

/** The caller's workspaces; choosing one switches the session to it (see `useSwitchWorkspace`). */
export function WorkspaceSwitcher() {
  const session = useSession();
  const [{ data }] = useQuery({ query: WorkspacesQuery });
  const [, switchTo] = useSwitchWorkspace();
  const workspaces = data?.workspaces ?? [];
  if (workspaces.length === 0) return null;
  return (
    <label className="workspace-switcher">
      <span className="sr-only">Workspace</span>
      <select data-testid="workspace-switcher" value={session?.workspace.id ?? ''} onChange={(e) => void switchTo(e.target.value)}>
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>{w.name}{w.myRole ? ` (${roleLabel(w.myRole)})` : ''}</option>
        ))}
      </select>
    </label>
  );
}
