import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly testId?: string;
}

/** A modal on the native <dialog>: focus is trapped and Escape closes it. */
export function Dialog({ title, onClose, children, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="dialog card" aria-labelledby="dialog-title" onCancel={onClose} data-testid={testId}>
      <h2 id="dialog-title">{title}</h2>
      {children}
    </dialog>
  );
}
