import { Suspense, useEffect } from 'react';
import { useSession } from '../auth/use-session';
import { matchPath, navigate, useLocation } from '../router/location';
import { AppHeader } from './app-header';
import { ROUTES } from './routes';
import { usePageTitle } from './use-page-title';

/** Picks the page for the URL; pages that need a session send a signed-out visitor to sign in. */
export function App() {
  const { pathname, search } = useLocation();
  const session = useSession();
  const found = ROUTES.map((route) => ({ route, params: matchPath(route.pattern, pathname) })).find((m) => m.params);
  const needsSignIn = !session && found && !found.route.public;
  usePageTitle(found ? found.route.title : 'Page not found');
  useEffect(() => {
    // The whole address comes back after signing in: an invitation link keeps its token (in the fragment).
    if (needsSignIn) navigate(`/sign-in?next=${encodeURIComponent(pathname + search + window.location.hash)}`, { replace: true });
  }, [needsSignIn, pathname, search]);
  if (!found) return <p role="alert">No page at {pathname}.</p>;
  if (needsSignIn) return null;
  const Page = found.route.page;
  return (
    <div className="app">
      {session && found.route.pattern !== '/bench' && <AppHeader />}
      <main className="app-main">
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Page params={found.params!} />
        </Suspense>
      </main>
    </div>
  );
}
