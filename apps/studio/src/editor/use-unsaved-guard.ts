import { useEffect } from 'react';
import { setLeaveGuard } from '../router/location';
import { useEditorContext } from './editor-context';

const PROMPT = 'This flow has unsaved changes. Leave anyway?';

/** While the canvas has unsaved changes, leaving (in-app link or closing the tab) asks first. */
export function useUnsavedGuard() {
  const { store } = useEditorContext();
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (store.get().dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    setLeaveGuard(() => !store.get().dirty || window.confirm(PROMPT));
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      setLeaveGuard(null);
    };
  }, [store]);
}
