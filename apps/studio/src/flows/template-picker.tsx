import { useState } from 'react';
import { Dialog } from '../ui/dialog';
import { TemplateCards } from './template-cards';

/** Lists the templates as cards; picking one creates a flow from it and opens the editor. */
export function TemplatePicker() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="from-template">From template</button>
      {open && (
        <Dialog title="Create from a template" onClose={() => setOpen(false)} testId="template-dialog">
          <TemplateCards />
          <div className="dialog-actions"><button type="button" onClick={() => setOpen(false)}>Close</button></div>
        </Dialog>
      )}
    </>
  );
}
