import { useSyncExternalStore } from 'react';

/** A guard may veto leaving the current page (the editor's unsaved-changes prompt). */
type LeaveGuard = () => boolean;

const currentHref = () => window.location.pathname + window.location.search;
const listeners = new Set<() => void>();
let leaveGuard: LeaveGuard | null = null;
/** The URL on screen: where Back returns to when the leave guard keeps the user on the page. */
let shownHref = currentHref();

function notify(): void {
  shownHref = currentHref();
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', () => {
  if (leaveGuard && !leaveGuard()) {
    history.pushState(null, '', shownHref); // Back/Forward already moved the URL: put it back
    return;
  }
  leaveGuard = null;
  notify();
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current path and query; re-renders on navigation. */
export function useLocation(): URL {
  const href = useSyncExternalStore(subscribe, currentHref);
  return new URL(href, window.location.origin);
}

export function navigate(to: string, { replace = false } = {}): void {
  if (to === currentHref()) return;
  if (leaveGuard && !leaveGuard()) return;
  leaveGuard = null;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
}

export function setLeaveGuard(guard: LeaveGuard | null): void {
  leaveGuard = guard;
}

/** `/flows/:id` against `/flows/abc` gives `{ id: 'abc' }`; no match gives null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(have[i]!);
    else if (part !== have[i]) return null;
  }
  return params;
}
