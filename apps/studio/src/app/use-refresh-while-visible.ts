import { useEffect } from 'react';

/**
 * Calls `refresh` every `intervalMs` while the tab is visible, and at once when it becomes
 * visible again: news from other people (an invitation, say) shows up without a reload, and a tab
 * in the background asks for nothing.
 */
export function useRefreshWhileVisible(refresh: () => void, intervalMs: number) {
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, intervalMs);
    const onVisibilityChange = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [refresh, intervalMs]);
}
