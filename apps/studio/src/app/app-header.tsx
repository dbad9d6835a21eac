import { useMutation } from 'urql';
import { sessionStore } from '../auth/session-store';
import { useSession } from '../auth/use-session';
import { LogoutMutation } from '../documents/auth';
import { InvitationsBadge } from '../members/invitations-badge';
import { Link } from '../router/link';
import { navigate } from '../router/location';
import { WorkspaceSwitcher } from './workspace-switcher';

const NAV = [
  ['/flows', 'Flows'],
  ['/executions', 'Executions'],
  ['/dashboard', 'Dashboard'],
  ['/members', 'Members'],
  ['/api-keys', 'API keys'],
  ['/ai-providers', 'AI providers'],
  ['/credentials', 'Credentials'],
] as const;

export function AppHeader() {
  const session = useSession();
  const [, logout] = useMutation(LogoutMutation);
  const signOut = async () => {
    const refreshToken = session?.refreshToken;
    if (refreshToken) await logout({ refreshToken });
    sessionStore.set(null);
    navigate('/sign-in');
  };
  return (
    <header className="app-header">
      <Link href="/flows" className="brand">Omnitron</Link>
      <nav aria-label="Main">
        {NAV.map(([href, label]) => (
          <Link key={href} href={href} data-testid={`nav-${href.slice(1)}`}>{label}</Link>
        ))}
      </nav>
      <InvitationsBadge />
      <WorkspaceSwitcher />
      <span data-testid="signed-in-user" className="muted">{session?.user.email}</span>
      <button type="button" onClick={signOut} data-testid="sign-out">Sign out</button>
    </header>
  );
}
