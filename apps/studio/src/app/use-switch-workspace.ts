import { useMutation } from 'urql';
import { sessionStore } from '../auth/session-store';
import { SwitchWorkspaceMutation } from '../documents/auth';
import { resetSocket } from '../graphql/ws-client';

/**
 * Switching issues a session scoped to the other workspace; nothing cached from the old one
 * survives, since the page reloads at `landing`. Resolves to the mutation's error, if any.
 */
export function useSwitchWorkspace() {
  const [state, switchWorkspace] = useMutation(SwitchWorkspaceMutation);
  const switchTo = async (workspaceId: string, landing = '/flows') => {
    const result = await switchWorkspace({ workspaceId });
    if (!result.data) return result.error;
    sessionStore.set(result.data.switchWorkspace);
    resetSocket();
    window.location.assign(landing); // a reload is the simplest complete cache reset
    return undefined;
  };
  return [state, switchTo] as const;
}
