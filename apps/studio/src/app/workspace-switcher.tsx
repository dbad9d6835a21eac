import { useMutation, useQuery } from 'urql';
import { sessionStore } from '../auth/session-store';
import { useSession } from '../auth/use-session';
import { SwitchWorkspaceMutation, WorkspacesQuery } from '../documents/auth';
import { resetSocket } from '../graphql/ws-client';

/** Switching issues a session scoped to the other workspace; nothing cached from the old one survives. */
export function WorkspaceSwitcher() {
  const session = useSession();
  const [{ data }] = useQuery({ query: WorkspacesQuery });
  const [, switchWorkspace] = useMutation(SwitchWorkspaceMutation);
  const workspaces = data?.workspaces ?? [];
  if (workspaces.length === 0) return null;
  const onChange = async (workspaceId: string) => {
    const result = await switchWorkspace({ workspaceId });
    if (!result.data) return;
    sessionStore.set(result.data.switchWorkspace);
    resetSocket();
    window.location.assign('/flows'); // a reload is the simplest complete cache reset
  };
  return (
    <label className="workspace-switcher">
      <span className="sr-only">Workspace</span>
      <select data-testid="workspace-switcher" value={session?.workspace.id ?? ''} onChange={(e) => void onChange(e.target.value)}>
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>{w.name}{w.myRole ? ` (${w.myRole.toLowerCase()})` : ''}</option>
        ))}
      </select>
    </label>
  );
}
