import { useEffect } from 'react';

/** Calls `refresh` every `intervalMs` while `active` (a list showing runs that are still going). */
export function usePollWhile(active: boolean, refresh: () => void, intervalMs = 3_000) {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(refresh, intervalMs);
    return () => clearInterval(timer);
  }, [active, refresh, intervalMs]);
}
