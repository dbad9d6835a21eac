import { useEffect } from 'react';

const PRODUCT = 'Omnitron Studio';

/** Sets the browser tab's title to `<title> · Omnitron Studio` while the calling page shows. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    if (!title) return;
    document.title = `${title} · ${PRODUCT}`;
  }, [title]);
}
