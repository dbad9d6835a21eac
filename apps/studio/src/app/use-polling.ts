import { useEffect } from 'react';

export interface PollingOptions {
  readonly everyMs: number;
  /** Poll only while this holds (a list showing runs that are still going, say). @default true */
  readonly active?: boolean;
  /**
   * Skip polls while the tab is hidden and refresh at once when it is shown again: news from other
   * people (an invitation, say) shows up without a reload, and a background tab asks for nothing.
   * @default false
   */
  readonly onlyWhileVisible?: boolean;
}

/** Calls `refresh` every `everyMs`, as the options say. */
export function usePolling(refresh: () => void, { everyMs, active = true, onlyWhileVisible = false }: PollingOptions) {
  useEffect(() => {
    if (!active) return;
    const poll = () => {
      if (!onlyWhileVisible || document.visibilityState === 'visible') refresh();
    };
    const timer = setInterval(poll, everyMs);
    if (onlyWhileVisible) document.addEventListener('visibilitychange', poll);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [refresh, everyMs, active, onlyWhileVisible]);
}
